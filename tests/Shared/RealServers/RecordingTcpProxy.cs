using System.Net;
using System.Net.Sockets;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A loopback TCP relay between a client and a real server that keeps a copy of every byte the client sent: lets a
/// test check what actually crossed the wire (e.g. that a password never went out in plaintext). Loopback only, and
/// it stops with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class RecordingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _fromClient = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private readonly string _targetHost;
    private readonly int _targetPort;

    public RecordingTcpProxy(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Client connections accepted so far (tells whether a client reused its connection).</summary>
    public int Connections
    {
        get { lock (_relays) return _relays.Count; }
    }

    /// <summary>Everything clients sent so far, all connections in order of arrival, as Latin-1 text (bytes kept 1:1).</summary>
    public string ClientBytes
    {
        get { lock (_fromClient) return System.Text.Encoding.Latin1.GetString(_fromClient.ToArray()); }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
                lock (_relays) _relays.Add(RelayPairAsync(client, server));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped, or the target is gone: the client sees its connection close.
        }
    }

    private async Task RelayPairAsync(TcpClient client, TcpClient server)
    {
        using (client)
        using (server)
        {
            var up = CopyAsync(client.GetStream(), server.GetStream(), record: true);
            var down = CopyAsync(server.GetStream(), client.GetStream(), record: false);
            await Task.WhenAny(up, down);
        }
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to, bool record)
    {
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (record) lock (_fromClient) _fromClient.Write(buffer, 0, read);
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // One side closed or we are stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Task[] relays;
        lock (_relays) relays = [.. _relays, _accepting];
        await Task.WhenAll(relays).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _stop.Dispose();
    }
}
