using System.Net.Http;
using System.Net.Sockets;

namespace Supervisor.Drivers.Network;

/// <summary>
/// How one driver names its peer and the fixes in the failure messages every network driver gives
/// (<see cref="NetworkFailure.Explain(Exception, NetworkFailureWords)"/>). Built only when a call failed.
/// </summary>
internal sealed record NetworkFailureWords
{
    public required string DeviceId { get; init; }

    /// <summary>The configured host, as the "cannot resolve" message quotes it.</summary>
    public required string Host { get; init; }

    /// <summary>What could not be resolved: "upsd host", "meter host", "host".</summary>
    public required string HostNoun { get; init; }

    /// <summary>The peer as the messages name it: "upsd at host:port", "the Kasa device at host:port", "host:port".</summary>
    public required string Peer { get; init; }

    /// <summary>What the call waited for, after "reset the connection": " while we waited for the reply to status".</summary>
    public required string Waiting { get; init; }

    /// <summary>The whole timeout message: each driver names its own likely causes.</summary>
    public required string NoReply { get; init; }

    /// <summary>The whole refusal message: each names its own server's listen settings.</summary>
    public required string Refused { get; init; }

    /// <summary>Closes the reset message: "was upsd restarted?".</summary>
    public required string ResetFix { get; init; }

    /// <summary>Closes the unreachable message: "check the network and firewall".</summary>
    public required string UnreachableFix { get; init; }

    /// <summary>Closes a network or I/O error: "is upsd running and reachable?".</summary>
    public required string ReachableFix { get; init; }

    /// <summary>Said after the peer in a network error (Shelly names the GET); empty for the socket drivers.</summary>
    public string NetworkErrorDuring { get; init; } = "";

    /// <summary>The I/O error message, for a driver that words it otherwise; null: the shared wording.</summary>
    public Func<string, string>? IoError { get; init; }

    /// <summary>
    /// The words for a UPS daemon (upsd, apcupsd): every message names it ("upsd at host:port"), and the fixes ask
    /// whether it runs or was restarted. Only the timeout and the refusal are the daemon's own.
    /// </summary>
    public static NetworkFailureWords ForDaemon(string daemon, string deviceId, string host, string endpoint, string doing, string noReply, string refused) => new()
    {
        DeviceId = deviceId,
        Host = host,
        HostNoun = $"{daemon} host",
        Peer = $"{daemon} at {endpoint}",
        Waiting = $" while we waited for {doing}",
        NoReply = noReply,
        Refused = refused,
        ResetFix = $"was {daemon} restarted?",
        UnreachableFix = "check the network and firewall",
        ReachableFix = $"is {daemon} running and reachable?",
    };
}

/// <summary>Operator text for the I/O failures every network driver meets: timeout, refused, unresolvable, reset, unreachable.</summary>
internal static class NetworkFailure
{
    /// <summary>
    /// The message for <paramref name="ex"/>; null for anything that is no network failure (a bug: rethrown as is).
    /// The caller's own cancellation never gets here (<see cref="NetworkDeviceDriver"/> lets it propagate first).
    /// </summary>
    public static string? Explain(Exception ex, NetworkFailureWords words) => Explain(ex, SocketErrorOf(ex), words);

    /// <param name="socket">The socket error behind <paramref name="ex"/>, for a caller that digs it out of deeper wrapping (HTTP).</param>
    public static string? Explain(Exception ex, SocketException? socket, NetworkFailureWords w)
    {
        if (ex is OperationCanceledException) return w.NoReply;
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => w.Refused,
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
                $"cannot resolve {w.HostNoun} \"{w.Host}\" ({socket.Message}); check host in supervisor.devices.{w.DeviceId}",
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown =>
                $"{w.Peer} reset the connection{w.Waiting}; {w.ResetFix}",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut =>
                $"cannot reach {w.Peer} ({socket.Message}); {w.UnreachableFix}",
            { } code => $"network error with {w.Peer}{w.NetworkErrorDuring} ({code}: {socket.Message}); {w.ReachableFix}",
            // HttpRequestException only comes from Shelly's HTTP client; the socket drivers see IOException.
            null when ex is IOException or HttpRequestException =>
                w.IoError?.Invoke(ex.Message) ?? $"I/O error with {w.Peer} ({ex.Message}); {w.ReachableFix}",
            null => null,
        };
    }

    /// <summary>The socket error behind an I/O failure (sockets wrap it in IOException when read through a stream).</summary>
    public static SocketException? SocketErrorOf(Exception ex) => ex as SocketException ?? ex.InnerException as SocketException;
}
