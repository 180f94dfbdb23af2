using System.Net.Sockets;
using System.Text;
using Supervisor.Domain.Configuration;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Nut;

/// <summary>
/// One TCP connection to upsd with a bounded line reader. upsd is line based; a peer that never sends
/// <c>\n</c> (or sends megabytes) must not make us buffer without limit, so lines are capped.
/// Not thread-safe: the driver uses it from one poll at a time.
/// </summary>
internal sealed class NutConnection : TcpConnection
{
    /// <summary>Longest accepted line, in bytes without the line end. Real upsd lines are well under 1 KiB.</summary>
    public const int MaxLineLength = 4096;

    private readonly Func<string, DeviceException> _fail;
    // Twice the cap: after compaction there is always room to read more while a line is still legal.
    private readonly byte[] _buffer = new byte[2 * MaxLineLength + 2];
    private int _start;
    private int _end;

    private NutConnection(Socket socket, string endpoint, Func<string, DeviceException> fail) : base(socket, endpoint) => _fail = fail;

    /// <summary>Connects (DNS included); socket errors propagate for the driver to explain.</summary>
    public static async Task<NutConnection> OpenAsync(string host, int port, Func<string, DeviceException> fail, CancellationToken ct) =>
        new(await ConnectAsync(host, port, ct).ConfigureAwait(false), $"{host}:{port}", fail);

    /// <summary>True once <see cref="UpgradeToTlsAsync"/> succeeded: every byte after it is encrypted.</summary>
    public bool IsTls => Stream is System.Net.Security.SslStream;

    /// <summary>
    /// After upsd's <c>OK STARTTLS</c>: the TLS handshake over this same socket; from then on every line goes through
    /// TLS. Bytes upsd sent after its OK, before the handshake, would be read as plaintext protocol, so they are refused.
    /// </summary>
    public async Task UpgradeToTlsAsync(NutTlsSettings tls, string host, string cfg, Func<string, Exception?, DeviceException> fail, CancellationToken ct)
    {
        if (_end > _start)
            throw fail($"upsd at {Endpoint} sent data after OK STARTTLS before the TLS handshake; refusing to go on (is this really a NUT upsd?)", null);
        Stream = await NutTls.AuthenticateAsync(Stream, tls, host, Endpoint, cfg, fail, ct).ConfigureAwait(false);
    }

    public async Task SendAsync(string line, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await Stream.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    /// <summary>Reads one line (without <c>\r\n</c>). <paramref name="waitingFor"/> names the reply for error messages.</summary>
    public async Task<string> ReadLineAsync(string waitingFor, CancellationToken ct)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == (byte)'\r') length--;
                if (length > MaxLineLength) throw TooLong(waitingFor);
                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }
            // No line end yet: more than the cap (+ a possible '\r') pending means the line is too long.
            if (_end - _start > MaxLineLength + 1) throw TooLong(waitingFor);
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var read = await Stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
                throw _fail($"upsd at {Endpoint} closed the connection while we waited for {waitingFor}" +
                            (_end > _start ? " (in the middle of a line)" : "") +
                            "; was upsd restarted, or is this port not a NUT upsd?");
            _end += read;
        }
    }

    private DeviceException TooLong(string waitingFor) =>
        _fail($"upsd at {Endpoint} sent a reply line longer than {MaxLineLength} characters while we waited for " +
              $"{waitingFor}; refusing to buffer it (is this port really a NUT upsd?)");
}
