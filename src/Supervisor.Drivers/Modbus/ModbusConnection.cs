using System.Net.Sockets;
using Supervisor.Drivers.Network;

namespace Supervisor.Drivers.Modbus;

/// <summary>The peer closed the connection before sending a single byte of a reply (an idle-closed socket looks like this).</summary>
internal sealed class ModbusPeerClosedException(string message) : IOException(message);

/// <summary>
/// One Modbus TCP connection. Replies are read as exactly one frame: the 7-byte header first, checked before
/// anything else is read, then exactly the body it announces, which the header check caps at 253 bytes. So a
/// peer can never make us buffer more than one 260-byte frame. Not thread-safe: one poll at a time.
/// </summary>
internal sealed class ModbusConnection : TcpConnection
{
    private readonly Func<string, Exception> _fail;
    private readonly byte[] _buffer = new byte[ModbusFrame.HeaderLength + ModbusFrame.MaxLengthField - 1];

    private ModbusConnection(Socket socket, string endpoint, Func<string, Exception> fail) : base(socket, endpoint) => _fail = fail;

    /// <summary>Connects (DNS included); socket errors propagate for the driver to explain.</summary>
    public static async Task<ModbusConnection> OpenAsync(string host, int port, Func<string, Exception> fail, CancellationToken ct) =>
        new(await ConnectAsync(host, port, ct).ConfigureAwait(false), $"{host}:{port}", fail);

    /// <summary>
    /// Sends one read request (in one write: some embedded stacks treat each TCP segment as a frame) and
    /// returns its parsed reply. A malformed or mismatched reply throws via the driver's fail function.
    /// </summary>
    public async Task<ModbusReply> ReadAsync(ModbusReadRequest request, CancellationToken ct)
    {
        await Stream.WriteAsync(ModbusFrame.ReadRequest(request), ct).ConfigureAwait(false);

        await FillAsync(0, ModbusFrame.HeaderLength, ct).ConfigureAwait(false);
        var header = ModbusFrame.ParseHeader(_buffer.AsSpan(0, ModbusFrame.HeaderLength));
        if (!header.IsSuccess) throw _fail($"bad reply from {Endpoint}: {header.Error}; is this port really a Modbus TCP server?");

        var total = ModbusFrame.HeaderLength + header.Value.BodyLength;
        await FillAsync(ModbusFrame.HeaderLength, total, ct).ConfigureAwait(false);
        var reply = ModbusFrame.ParseReadReply(_buffer.AsSpan(0, total), request);
        if (!reply.IsSuccess) throw _fail($"bad reply from {Endpoint}: {reply.Error}");
        return reply.Value;
    }

    /// <summary>Reads until <c>_buffer[..end]</c> is filled; <paramref name="from"/> bytes are already there.</summary>
    private async Task FillAsync(int from, int end, CancellationToken ct)
    {
        var filled = from;
        while (filled < end)
        {
            var read = await Stream.ReadAsync(_buffer.AsMemory(filled, end - filled), ct).ConfigureAwait(false);
            if (read == 0)
            {
                if (filled == 0)
                    throw new ModbusPeerClosedException($"{Endpoint} closed the connection without replying");
                throw _fail($"{Endpoint} closed the connection in the middle of a reply, after {filled} bytes " +
                            $"({ModbusFrame.Show(_buffer.AsSpan(0, filled))}); was the meter or gateway restarted?");
            }
            filled += read;
        }
    }
}
