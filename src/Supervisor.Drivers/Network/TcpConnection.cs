using System.Net.Sockets;

namespace Supervisor.Drivers.Network;

/// <summary>
/// One TCP connection of a driver that keeps it across polls (upsd, Kasa, Modbus): the socket, the stream over it,
/// and the endpoint its messages name. Each protocol's connection adds only its framing.
/// </summary>
internal abstract class TcpConnection : IDisposable
{
    protected TcpConnection(Socket socket, string endpoint)
    {
        Socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: true);
        Endpoint = endpoint;
    }

    protected Socket Socket { get; }

    /// <summary>The bytes' way in and out; NUT swaps in a TLS stream after STARTTLS.</summary>
    protected Stream Stream { get; set; }

    /// <summary>"host:port", as messages name the peer.</summary>
    protected string Endpoint { get; }

    /// <summary>
    /// Connects (DNS included) a dual-mode socket, so a host name may resolve to IPv4 or IPv6. NoDelay: every request
    /// is one small write. Socket errors propagate for the driver to explain.
    /// </summary>
    public static async Task<Socket> ConnectAsync(string host, int port, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        Socket.Dispose();
    }
}
