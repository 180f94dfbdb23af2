using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Supervisor.Drivers.Tests;

/// <summary>
/// The common half of the in-process protocol fakes (upsd, apcupsd NIS, Kasa, Modbus): a loopback listener on a
/// free port, an accept loop that counts connections, and a clean stop. Each fake only frames its protocol in
/// <see cref="ServeAsync"/>; a client hanging up (or a test closing the stream on purpose) simply ends it.
/// </summary>
internal abstract class FakeTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private int _connections;

    protected FakeTcpServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far; tells whether the driver reused or reopened its connection.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Serves one accepted connection until the client or the test ends it.</summary>
    protected abstract Task ServeAsync(TcpClient client, CancellationToken stop);

    /// <summary>Closes every open connection (the fake "restarts" while the driver holds a socket).</summary>
    public void DropConnections()
    {
        foreach (var c in _clients) c.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _clients.Add(client);
                _ = ServeOneAsync(client);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private async Task ServeOneAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await ServeAsync(client, _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The driver hung up, or the test closed the stream on purpose.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropConnections();
        await _acceptLoop;
        _stop.Dispose();
    }
}
