using System.Net.Sockets;
using System.Text;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Kasa;

/// <summary>
/// The peer closed or reset a connection that had already served replies, before sending any byte of this one.
/// That is how an idle keep-alive connection looks after the plug dropped it, so the driver reconnects once.
/// </summary>
internal sealed class KasaStaleConnectionException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// One TCP connection to a Kasa device: request frames out in one write, length-prefixed replies in, with the
/// reply size capped (a wrong port can announce gigabytes). Not thread-safe: the driver uses it one poll at a time.
/// </summary>
internal sealed class KasaConnection : TcpConnection
{
    /// <summary>Largest accepted reply payload. An HS300 sysinfo is ~1.5 KiB; 64 KiB leaves room for chatty firmware.</summary>
    public const int MaxReplyLength = 64 * 1024;

    private readonly Func<string, DeviceException> _fail;
    private readonly byte[] _header = new byte[KasaCipher.HeaderLength];

    private KasaConnection(Socket socket, string endpoint, Func<string, DeviceException> fail) : base(socket, endpoint) => _fail = fail;

    /// <summary>Replies received on this connection; 0 means it is fresh (a failure then is not a stale keep-alive).</summary>
    public int RepliesReceived { get; private set; }

    /// <summary>Connects (DNS included); socket errors propagate for the driver to explain.</summary>
    public static async Task<KasaConnection> OpenAsync(string host, int port, Func<string, DeviceException> fail, CancellationToken ct) =>
        new(await ConnectAsync(host, port, ct).ConfigureAwait(false), $"{host}:{port}", fail);

    /// <summary>Sends one request frame and returns the (still encrypted) reply payload.</summary>
    /// <param name="waitingFor">Names the reply in error messages, e.g. "the reply to get_sysinfo".</param>
    public async Task<byte[]> ExchangeAsync(byte[] frame, string waitingFor, CancellationToken ct)
    {
        var headerRead = 0;
        try
        {
            // One write for header + payload: the npm simulator (and reportedly some firmware) parse per segment.
            await Stream.WriteAsync(frame, ct).ConfigureAwait(false);
            while (headerRead < _header.Length)
            {
                var n = await Stream.ReadAsync(_header.AsMemory(headerRead), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    if (headerRead == 0 && RepliesReceived > 0)
                        throw new KasaStaleConnectionException($"{Endpoint} closed the kept-alive connection");
                    throw _fail($"the Kasa device at {Endpoint} closed the connection while we waited for {waitingFor}" +
                                (headerRead > 0 ? $" (after {headerRead} of 4 length bytes)" : "") +
                                "; is this port really a Kasa plug, and is its firmware one that still speaks the legacy protocol on 9999?");
                }
                headerRead += n;
            }
        }
        catch (IOException e) when (e is not KasaStaleConnectionException && headerRead == 0 && RepliesReceived > 0 &&
                                    e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown })
        {
            throw new KasaStaleConnectionException($"{Endpoint} reset the kept-alive connection", e);
        }

        var length = KasaCipher.ReadLength(_header);
        if (length == 0) throw _fail($"the Kasa device at {Endpoint} sent an empty reply (length 0) while we waited for {waitingFor}");
        if (length > MaxReplyLength)
            throw _fail($"the device at {Endpoint} announced a {length}-byte reply (limit {MaxReplyLength}) while we waited for {waitingFor}; " +
                        $"refusing to buffer it. Its first bytes were {ShowHeader()}: is this port really a Kasa plug?");

        var payload = new byte[length];
        var read = 0;
        while (read < payload.Length)
        {
            var n = await Stream.ReadAsync(payload.AsMemory(read), ct).ConfigureAwait(false);
            if (n == 0)
                throw _fail($"the Kasa device at {Endpoint} closed the connection in the middle of {waitingFor} " +
                            $"(got {read} of {length} bytes); was the plug restarted or did Wi-Fi drop?");
            read += n;
        }
        RepliesReceived++;
        return payload;
    }

    /// <summary>The 4 header bytes as text when printable (an HTTP server says "HTTP"), else as hex.</summary>
    private string ShowHeader() =>
        _header.All(b => b is >= 0x20 and < 0x7f)
            ? $"\"{Encoding.ASCII.GetString(_header)}\""
            : "0x" + Convert.ToHexString(_header).ToLowerInvariant();
}
