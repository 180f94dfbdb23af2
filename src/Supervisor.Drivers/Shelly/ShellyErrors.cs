using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Shelly;

/// <summary>What the driver was doing, for messages: never contains the password.</summary>
internal sealed record ShellyErrorContext(string DeviceId, Uri Url, int Channel, int? Generation, string? Username, TimeSpan Timeout)
{
    public string Endpoint => $"{Url.Host}:{Url.Port}";
    public string Config => $"supervisor.devices.{DeviceId}";
}

/// <summary>
/// Turns HTTP answers and network failures into operator messages that name the URL and the likely fix.
/// Pure apart from reading exception objects.
/// </summary>
internal static class ShellyErrors
{
    /// <summary>Message for a non-200 answer; null for 200 (the body is then parsed).</summary>
    public static string? DescribeStatus(ShellyHttpReply reply, ShellyErrorContext c)
    {
        if (reply.Status == HttpStatusCode.OK) return null;
        var got = $"HTTP {(int)reply.Status} {reply.Reason}".TrimEnd();
        if (reply.Status == HttpStatusCode.Unauthorized)
            return c.Username is null
                ? $"device requires authentication; set username/password (or password-file / password-env) in {c.Config} ({got} from GET {c.Url})"
                : $"the device rejected user \"{c.Username}\" and its password ({got} from GET {c.Url}); check username/password in {c.Config}" +
                  (c.Generation >= 2 ? " (Gen2+ devices only accept the user admin)" : "");

        var rpc = ShellyParser.TryParseRpcError(reply.Body);
        var detail = rpc is null ? $"body {ShellyJson.Show(reply.Body)}" : $"RPC error {rpc.Code}: {Clip(rpc.Message)}";
        // -105 is Gen2's "invalid argument": for Switch.GetStatus the only argument is the channel id.
        if (rpc?.Code == -105 && c.Url.AbsolutePath.Contains("Switch.GetStatus", StringComparison.Ordinal))
            return $"channel {c.Channel} does not exist on this device ({detail}); set channel in {c.Config} (0 for a single-outlet plug)";
        var hint = (reply.Status, c.Generation) switch
        {
            (HttpStatusCode.NotFound, null) => "; is this a Shelly? Every Shelly answers GET /shelly. To skip detection set generation = 1 or 2",
            (HttpStatusCode.NotFound, 1) => "; a Gen2+ device (Plus, Pro, Gen3/4) has no /status: set generation = auto (or 2)",
            (HttpStatusCode.NotFound, _) => "; a Gen1 device has no RPC API: set generation = auto (or 1)",
            _ => "; is the device healthy? Its web page at the same address shows its state",
        };
        return $"GET {c.Url} answered {got} ({detail}){hint}";
    }

    /// <summary>
    /// Operator text for a failed request (timeout, refused, reset, not HTTP); null for anything else. The caller's own
    /// cancellation never gets here: it propagates as is.
    /// </summary>
    public static string? Explain(Exception ex, ShellyErrorContext c)
    {
        var socket = Find<SocketException>(ex);
        // HttpRequestException covers the request and headers; HttpIOException a body cut short while we read it.
        var kind = ex switch
        {
            HttpRequestException h => h.HttpRequestError,
            HttpIOException io => io.HttpRequestError,
            _ => (HttpRequestError?)null,
        };
        switch (kind)
        {
            case HttpRequestError.NameResolutionError:
                return $"cannot resolve host \"{c.Url.Host}\"{Because(socket)}; check host in {c.Config}";
            case HttpRequestError.InvalidResponse:
                return $"{c.Endpoint} answered GET {c.Url} with something that is not HTTP ({Clip(ex.Message)}); " +
                       $"is port {c.Url.Port} really the Shelly's web server (80)?";
            case HttpRequestError.ResponseEnded:
                return $"{c.Endpoint} closed the connection before the reply to GET {c.Url} was complete; was the device restarting?";
            case HttpRequestError.ConfigurationLimitExceeded:
                return $"the reply headers from GET {c.Url} are too large; is port {c.Url.Port} really the Shelly's web server?";
        }
        // The socket error sits deeper in HTTP's exceptions than in a stream's, hence the search above.
        return NetworkFailure.Explain(ex, socket, new NetworkFailureWords
        {
            DeviceId = c.DeviceId,
            Host = c.Url.Host,
            HostNoun = "host",
            Peer = c.Endpoint,
            // An HTTP request is one exchange: messages name the GET rather than what part of it we waited for.
            Waiting = $" during GET {c.Url}",
            NetworkErrorDuring = $" during GET {c.Url}",
            NoReply = $"no reply from GET {c.Url} within {c.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s; " +
                      "is the Shelly powered and on the network? (a plug that lost mains stops answering too)",
            Refused = $"connection refused by {c.Endpoint} (GET {c.Url}): is host/port right? Shelly devices serve HTTP on port 80",
            ResetFix = "was the device restarting?",
            UnreachableFix = "is the Shelly powered and on the network?",
            ReachableFix = "is the Shelly reachable?",
            IoError = message => $"the connection to {c.Endpoint} failed during GET {c.Url} ({Clip(message)}); is the Shelly reachable?",
        });
    }

    private static string Because(SocketException? s) => s is null ? "" : $" ({s.Message})";

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }

    private static string Clip(string s) =>
        new((s.Length > 160 ? s[..160] + "…" : s).Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray());
}
