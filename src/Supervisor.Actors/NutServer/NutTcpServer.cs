using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Event;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Nut;

namespace Supervisor.Actors.NutServer;

/// <summary>The virtual UPSes of the moment, written by <see cref="NutFacadeActor"/> and read by every connection.</summary>
public sealed class NutSnapshotBox
{
    private volatile IReadOnlyList<VirtualUps> _ups = [];

    public IReadOnlyList<VirtualUps> Ups { get => _ups; set => _ups = value; }
}

/// <summary>
/// The thin TCP side of the NUT facade: reads lines, hands each to <see cref="NutProtocol.Answer"/> and writes the reply.
/// Hostile clients are bounded here: a line longer than <c>max-line-length</c> gets <c>ERR INVALID-ARGUMENT</c> and the
/// connection closes; more than <c>max-connections</c> clients are refused; a silent client is closed after
/// <c>idle-timeout</c>. A client is logged once (by address) the first time it sends something upsd would refuse.
/// </summary>
public sealed class NutTcpServer(NutServerSettings settings, NutSnapshotBox snapshot, Action<string, NutSession> onFsd, ILoggingAdapter log) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _logins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _loggedClients = new(StringComparer.Ordinal);
    // Replies that say the client sent garbage or the wrong password. Not STARTTLS refused (upsc and upsmon try it
    // first), an unknown UPS or variable (clients probe): those are a normal client's life, not worth a log line.
    private static readonly HashSet<string> HostileErrors = ["ERR INVALID-ARGUMENT", "ERR UNKNOWN-COMMAND", "ERR ACCESS-DENIED"];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private int _connections;

    /// <summary>Where it listens (the port the OS picked when <c>listen</c> says port 0).</summary>
    public IPEndPoint? Endpoint { get; private set; }

    /// <summary>Binds and starts accepting; a bind failure (<see cref="SocketException"/>) is the caller's to report.</summary>
    public IPEndPoint Start()
    {
        var address = settings.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(settings.Host);
        _listener = new TcpListener(address, settings.Port);
        _listener.Start(backlog: settings.MaxConnections);
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptLoopAsync(_listener, _stop.Token);
        return Endpoint;
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) { log.Warning("NUT server: accept failed ({0}); still listening", e.SocketErrorCode); continue; }
            _ = ServeAsync(client, ct); // never faults: ServeAsync logs whatever it does not expect
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        var address = client.Client.RemoteEndPoint?.ToString() ?? "?";
        var session = new NutSession(address);
        using (client)
        {
            if (Interlocked.Increment(ref _connections) > settings.MaxConnections)
            {
                LogOnce(address, $"refused: {settings.MaxConnections} clients are connected already (supervisor.nut-server.max-connections)");
                await TryWriteAsync(client, "ERR MAX-CONNECTIONS-REACHED\n", stop).ConfigureAwait(false);
                Interlocked.Decrement(ref _connections);
                return;
            }
            try { session = await ConverseAsync(client.GetStream(), session, stop).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, went silent past idle-timeout, or the node stops: the connection simply ends.
            }
            catch (Exception e)
            {
                // A bug, not a client: said loudly, and only this connection ends (the server goes on).
                log.Error(e, "NUT server: unexpected failure serving {0}; its connection is closed", address);
            }
            finally
            {
                if (session.LoggedInto is { } ups) _logins.AddOrUpdate(ups, 0, (_, n) => Math.Max(0, n - 1));
                Interlocked.Decrement(ref _connections);
            }
        }
    }

    private async Task<NutSession> ConverseAsync(NetworkStream stream, NutSession session, CancellationToken stop)
    {
        var reader = new NutLineReader(stream, settings.MaxLineLength);
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stop);
            idle.CancelAfter(settings.IdleTimeout);
            var line = await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
            if (line is null) return session; // closed by the client
            if (ReferenceEquals(line, NutLineReader.TooLong))
            {
                LogOnce(session.Address, $"sent a line longer than {settings.MaxLineLength} bytes (supervisor.nut-server.max-line-length); closed");
                await stream.WriteAsync("ERR INVALID-ARGUMENT\n"u8.ToArray(), idle.Token).ConfigureAwait(false);
                return session;
            }
            var answer = NutProtocol.Answer(line, new NutView(snapshot.Ups, _logins, settings.Users), session);
            if (answer.Lines.FirstOrDefault() is { } first && HostileErrors.Contains(first))
                LogOnce(session.Address, $"{first} for {Domain.Text.ForeignText.Escape(line.Length > 80 ? line[..80] + "…" : line)}");
            Count(session.LoggedInto, answer.Session.LoggedInto);
            if (answer.FsdOn is { } ups) onFsd(ups, answer.Session);
            session = answer.Session;
            if (answer.Lines.Count > 0)
                await stream.WriteAsync(Encoding.UTF8.GetBytes(string.Concat(answer.Lines.Select(l => l + "\n"))), idle.Token).ConfigureAwait(false);
            if (answer.Close) return session;
        }
    }

    private void Count(string? before, string? after)
    {
        if (before == after) return;
        if (before is not null) _logins.AddOrUpdate(before, 0, (_, n) => Math.Max(0, n - 1));
        if (after is not null) _logins.AddOrUpdate(after, 1, (_, n) => n + 1);
    }

    /// <summary>Once per client address (a bounded set: a flood of addresses cannot grow it without end).</summary>
    private void LogOnce(string address, string what)
    {
        var host = address.LastIndexOf(':') is var colon and > 0 ? address[..colon] : address;
        if (_loggedClients.Count < 4096 && _loggedClients.TryAdd(host, 0)) log.Warning("NUT client {0}: {1}", address, what);
    }

    private static async Task TryWriteAsync(TcpClient client, string text, CancellationToken ct)
    {
        try
        {
            using var brief = CancellationTokenSource.CreateLinkedTokenSource(ct);
            brief.CancelAfter(TimeSpan.FromSeconds(2));
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text), brief.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { /* it is being refused anyway */ }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
