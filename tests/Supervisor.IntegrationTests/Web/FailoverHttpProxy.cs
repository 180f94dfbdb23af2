using System.Net;
using System.Net.Sockets;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// What a reverse proxy with several upstreams does, at the TCP level: each new client connection goes to the first
/// backend in the list that accepts one, and both ends are closed together when either side ends (so a killed node's
/// streams end at the browser as they would behind nginx). Loopback only; stops with <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class FailoverHttpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<int> _backends;
    private readonly Task _accepting;
    private int _lastServedBy = -1;

    public FailoverHttpProxy(IReadOnlyList<int> backendPorts)
    {
        _backends = backendPorts;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The port of the backend that took the latest client connection; -1 before any.</summary>
    public int LastServedBy => Volatile.Read(ref _lastServedBy);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { /* stopped */ }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            foreach (var port in _backends)
            {
                using var server = new TcpClient();
                try { await server.ConnectAsync(IPAddress.Loopback, port, _stop.Token); }
                catch (SocketException) { continue; } // that backend is down: the next one
                catch (OperationCanceledException) { return; }
                Volatile.Write(ref _lastServedBy, port);
                await RelayAsync(client, server);
                return;
            }
            // No backend left: the browser sees its connection close and tries again.
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient server)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = CopyAsync(client.GetStream(), server.GetStream(), done.Token);
        var down = CopyAsync(server.GetStream(), client.GetStream(), done.Token);
        await Task.WhenAny(up, down);
        await done.CancelAsync(); // one side ended: end the other too
        await Task.WhenAll(up, down);
    }

    private static async Task CopyAsync(NetworkStream from, NetworkStream to, CancellationToken ct)
    {
        try { await from.CopyToAsync(to, ct); }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException) { /* closed */ }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
