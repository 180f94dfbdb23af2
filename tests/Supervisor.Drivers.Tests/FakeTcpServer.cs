using System.Buffers.Binary;
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

/// <summary>
/// A fake that reads one request at a time and answers it with <see cref="Behaviour"/>, which tests switch at run
/// time; each fake supplies only how its protocol frames a request (<see cref="OpenReader"/>).
/// </summary>
internal abstract class FakeTcpServer<TRequest>(int port) : FakeTcpServer(port) where TRequest : class
{
    /// <summary>Answers one request of one connection: writes the reply (or not), may close the stream.</summary>
    public delegate Task Handler(TRequest request, Stream stream, CancellationToken ct);

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<TRequest> Received { get; } = new();

    /// <summary>How requests are answered; each fake starts healthy.</summary>
    public Handler Behaviour { get; set; } = (_, _, _) => Task.CompletedTask;

    /// <summary>Waited before each answer; <see cref="Timeout.InfiniteTimeSpan"/>: never answer, the connection left open.</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>A reader for one connection: each call returns its next request, or null once the client closed it.</summary>
    protected abstract Func<CancellationToken, Task<TRequest?>> OpenReader(Stream stream);

    protected override async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        var stream = client.GetStream();
        var next = OpenReader(stream);
        while (await next(stop) is { } request)
        {
            Received.Enqueue(request);
            await Task.Delay(ReplyDelay, stop);
            await Behaviour(request, stream, stop);
        }
    }

    /// <summary>One frame of a big-endian length (of <paramref name="lengthBytes"/> bytes) and that many bytes, as NIS and Kasa send requests.</summary>
    protected static async Task<byte[]> ReadLengthPrefixedAsync(Stream stream, int lengthBytes, CancellationToken ct)
    {
        var header = new byte[lengthBytes];
        await stream.ReadExactlyAsync(header, ct);
        var body = new byte[lengthBytes == 2 ? BinaryPrimitives.ReadUInt16BigEndian(header) : BinaryPrimitives.ReadUInt32BigEndian(header)];
        await stream.ReadExactlyAsync(body, ct);
        return body;
    }
}
