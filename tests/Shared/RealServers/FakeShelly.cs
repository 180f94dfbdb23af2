using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Supervisor.Tests.RealServers;

/// <summary>The Shelly models <see cref="FakeShelly"/> can play (each serves its documented payloads).</summary>
public enum ShellyModel { PlugS, Shelly1PM, Shelly3EM, PlusPlugS, Plus1PM }

/// <summary>Ways the fake misbehaves on the status endpoints (and on /shelly too when <see cref="FakeShelly.FaultOnDetection"/>).</summary>
public enum ShellyFault
{
    None,
    /// <summary>200 with an HTML login page (a router or proxy answering instead of the plug).</summary>
    Html,
    /// <summary>200 with text that is not JSON.</summary>
    NotJson,
    /// <summary>200 with a JSON document of the wrong shape (an object without meters / apower).</summary>
    WrongShape,
    /// <summary>Not HTTP at all: an SSH banner, then close (the wrong port).</summary>
    NotHttp,
    /// <summary>Reads the request, closes without a word.</summary>
    Drop,
    /// <summary>Sends the headers and half the body, then closes.</summary>
    DropMidBody,
    /// <summary>200, chunked, no length, megabytes of JSON-ish bytes until the client hangs up.</summary>
    Oversized,
    /// <summary>200 with Content-Length: 10 MB.</summary>
    OversizedDeclared,
    /// <summary>500 Internal Server Error with a text body.</summary>
    ServerError,
}

/// <summary>
/// In-process stand-in for a Shelly on 127.0.0.1 (a free port), built on a raw <see cref="TcpListener"/> so it can
/// also send what no HTTP server library would (non-HTTP bytes, cut bodies, endless chunked bodies).
/// There is no Shelly simulator in the package registries, so this serves the replies documented by Shelly
/// (<see cref="ShellyDocumentedPayloads"/>) with live values tests change at run time: it is tested against
/// documented payloads, not against a device. Auth is modelled on the docs too: Gen1 Basic, Gen2+ Digest SHA-256;
/// /shelly never needs it.
/// </summary>
public sealed partial class FakeShelly : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private readonly object _gate = new();
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly string _nonce = Guid.NewGuid().ToString("N")[..8];
    private (string User, string Password)? _credentials;
    private int _connections;

    /// <param name="port">0 picks a free port; a fixed one lets a test bring a "device" back where it was.</param>
    public FakeShelly(ShellyModel model, int port = 0)
    {
        Model = model;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public ShellyModel Model { get; }
    public int Generation => Model is ShellyModel.PlusPlugS or ShellyModel.Plus1PM ? 2 : 1;
    public string Host => "127.0.0.1";
    public int Port { get; }

    // Live values (the control hook): a change shows on the next request.
    public double PowerWatts { get; set; } = 120.5;
    public double Voltage { get; set; } = 230.1;
    public double CurrentAmps { get; set; } = 0.52;
    /// <summary>Gen2 <c>freq</c>; null leaves the field out (older firmware, some models).</summary>
    public double? FrequencyHz { get; set; } = 50.0;
    public double EnergyWh { get; set; } = 1234.5;
    public bool RelayOn { get; set; } = true;

    public ShellyFault Fault { get; set; }
    /// <summary>Apply <see cref="Fault"/> and <see cref="ReplyDelay"/> to GET /shelly as well.</summary>
    public bool FaultOnDetection { get; set; }
    /// <summary>Wait this long before answering (Timeout.InfiniteTimeSpan: never answer).</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>"GET /status" per request, plus " [auth]" when it carried an Authorization header.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Protect the status endpoints with a password (Gen1 Basic, Gen2+ Digest); /shelly stays open.</summary>
    public void RequireAuth(string user, string password)
    {
        lock (_gate) _credentials = (user, password);
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var ct = _stop.Token;
        try
        {
            var stream = client.GetStream();
            var pending = new List<byte>();
            while (await ReadRequestAsync(stream, pending, ct) is { } request)
                if (!await AnswerAsync(stream, request, ct)) return;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The driver hung up, or a fault closed the connection on purpose.
        }
    }

    private sealed record Request(string Method, string Target, string Path, string Query, Dictionary<string, string> Headers);

    /// <summary>Reads one request head (GETs have no body); null when the client closed the connection.</summary>
    private static async Task<Request?> ReadRequestAsync(NetworkStream stream, List<byte> pending, CancellationToken ct)
    {
        var buffer = new byte[4096];
        int end;
        while ((end = IndexOfHeaderEnd(pending)) < 0)
        {
            if (pending.Count > MaxHeaderBytes) return null;
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0) return null;
            pending.AddRange(buffer.AsSpan(0, read));
        }
        var head = Encoding.ASCII.GetString(pending.GetRange(0, end).ToArray());
        pending.RemoveRange(0, end + 4);
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var target = parts.Length > 1 ? parts[1] : "/";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
            if (line.IndexOf(':') is > 0 and var colon) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        var q = target.IndexOf('?');
        return new Request(parts[0], target, q < 0 ? target : target[..q], q < 0 ? "" : target[(q + 1)..], headers);
    }

    private static int IndexOfHeaderEnd(List<byte> b)
    {
        for (var i = 0; i + 3 < b.Count; i++)
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
        return -1;
    }

    /// <summary>Writes the answer; false when the connection must close afterwards.</summary>
    private async Task<bool> AnswerAsync(NetworkStream stream, Request r, CancellationToken ct)
    {
        Requests.Enqueue($"{r.Method} {r.Target}{(r.Headers.ContainsKey("authorization") ? " [auth]" : "")}");
        var detection = r.Path == "/shelly";
        if (!detection || FaultOnDetection)
        {
            if (ReplyDelay != TimeSpan.Zero) await Task.Delay(ReplyDelay, ct);
            if (await FaultAsync(stream, ct) is { } keepOpen) return keepOpen;
        }
        if (detection) return await SendAsync(stream, 200, "application/json", DeviceInfo(), ct);

        if (Generation == 1)
        {
            if (r.Path != "/status") return await SendAsync(stream, 404, "text/plain", "Not Found", ct);
            if (CheckBasic(r.Headers) is { } basic) return await SendAsync(stream, 401, "text/plain", "401 Unauthorized", ct, $"WWW-Authenticate: {basic}");
            return await SendAsync(stream, 200, "application/json", Gen1Status(), ct);
        }

        if (r.Path != "/rpc/Switch.GetStatus")
            return await SendAsync(stream, 404, "application/json", $$"""{"code":404,"message":"No handler for {{r.Path.TrimStart('/')}}"}""", ct);
        if (CheckDigest(r.Headers, r.Method, r.Target) is { } digest)
            return await SendAsync(stream, 401, "application/json", """{"code":401,"message":"Unauthorized"}""", ct, $"WWW-Authenticate: {digest}");
        if (r.Query != "id=0") return await SendAsync(stream, 500, "application/json", ShellyDocumentedPayloads.Gen2InvalidIdError, ct);
        return await SendAsync(stream, 200, "application/json", Gen2SwitchStatus(), ct);
    }

    /// <summary>Plays <see cref="Fault"/>; null when there is none (answer normally), else whether to keep the connection.</summary>
    private async Task<bool?> FaultAsync(NetworkStream stream, CancellationToken ct)
    {
        switch (Fault)
        {
            case ShellyFault.None: return null;
            case ShellyFault.Html:
                return await SendAsync(stream, 200, "text/html", "<html><head><title>Router login</title></head><body><form>Password:</form></body></html>", ct);
            case ShellyFault.NotJson: return await SendAsync(stream, 200, "text/plain", "relay=on power=12.5 {oops", ct);
            case ShellyFault.WrongShape: return await SendAsync(stream, 200, "application/json", """{"wifi_sta":{"connected":true},"uptime":42}""", ct);
            case ShellyFault.ServerError: return await SendAsync(stream, 500, "text/plain", "Internal Server Error", ct);
            case ShellyFault.NotHttp:
                await stream.WriteAsync("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray(), ct);
                return false;
            case ShellyFault.Drop: return false;
            case ShellyFault.DropMidBody:
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"relays\":[{\"ison\":tr"u8.ToArray(), ct);
                return false;
            case ShellyFault.OversizedDeclared:
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n{\"meters\":["u8.ToArray(), ct);
                return false;
            case ShellyFault.Oversized:
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray(), ct);
                var chunk = Encoding.ASCII.GetBytes($"2000\r\n{new string(' ', 0x2000)}\r\n");
                for (var sent = 0; sent < 50 * 1024 * 1024; sent += 0x2000) await stream.WriteAsync(chunk, ct); // until the client hangs up
                return false;
            default: throw new InvalidOperationException($"unknown fault {Fault}");
        }
    }

    private static async Task<bool> SendAsync(NetworkStream stream, int status, string contentType, string body, CancellationToken ct, string? extraHeader = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reason = status switch { 200 => "OK", 401 => "Unauthorized", 404 => "Not Found", _ => "Internal Server Error" };
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n" +
                   (extraHeader is null ? "" : extraHeader + "\r\n") + "Connection: keep-alive\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(bytes).ToArray(), ct);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
