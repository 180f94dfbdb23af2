using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Supervisor.Drivers.Tests.Modbus;

/// <summary>A read request as the fake server received it.</summary>
internal sealed record FakeRequest(ushort TransactionId, ushort ProtocolId, byte UnitId, byte Function, ushort Address, ushort Count);

/// <summary>
/// In-process Modbus TCP stand-in on 127.0.0.1 whose behaviour tests switch at run time, to produce what
/// pymodbus will not: garbage, wrong transaction or unit ids, truncated frames, silence, idle closes.
/// </summary>
internal sealed class FakeModbusServer : FakeTcpServer<FakeRequest>
{
    /// <param name="sdm120">Start with an SDM120's values (230.1 V, 5.2 A, 1196.5 W, 50 Hz, 1234.5 kWh) in the input registers.</param>
    /// <param name="port">0 for a free port; a fixed one lets a test start the server where a driver already failed to connect.</param>
    public FakeModbusServer(bool sdm120 = true, int port = 0) : base(port)
    {
        Behaviour = Healthy();
        if (sdm120)
        {
            SetFloat(0x0000, 230.1f);
            SetFloat(0x0006, 5.2f);
            SetFloat(0x000C, 1196.5f);
            SetFloat(0x0046, 50f);
            SetFloat(0x0048, 1234.5f);
        }
    }

    /// <summary>Register values served by <see cref="Healthy"/>, per (function, address).</summary>
    public ConcurrentDictionary<(byte, int), ushort> Registers { get; } = new();

    /// <summary>Float32 high word first at <paramref name="address"/> in table <paramref name="function"/>.</summary>
    public void SetFloat(int address, float value, byte function = 4)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        Registers[(function, address)] = (ushort)(bits >> 16);
        Registers[(function, address + 1)] = (ushort)bits;
    }

    /// <summary>A correct server: echoes ids, serves <see cref="Registers"/>, exception 2 for registers it does not have.</summary>
    public Handler Healthy(byte? replyUnitId = null, int transactionOffset = 0) => (request, stream, ct) =>
    {
        var unit = replyUnitId ?? request.UnitId;
        var tid = (ushort)(request.TransactionId + transactionOffset);
        var words = new List<ushort>();
        for (var a = request.Address; a < request.Address + request.Count; a++)
        {
            if (!Registers.TryGetValue((request.Function, a), out var w)) return Write(stream, ct, Exception(tid, unit, request.Function, 2));
            words.Add(w);
        }
        return Write(stream, ct, Reply(tid, unit, request.Function, words));
    };

    public static byte[] Reply(ushort tid, byte unit, byte function, IReadOnlyList<ushort> words)
    {
        var frame = new byte[9 + 2 * words.Count];
        BinaryPrimitives.WriteUInt16BigEndian(frame, tid);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(3 + 2 * words.Count));
        frame[6] = unit;
        frame[7] = function;
        frame[8] = (byte)(2 * words.Count);
        for (var i = 0; i < words.Count; i++) BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(9 + 2 * i), words[i]);
        return frame;
    }

    public static byte[] Exception(ushort tid, byte unit, byte function, byte code) =>
        [(byte)(tid >> 8), (byte)tid, 0, 0, 0, 3, unit, (byte)(function | 0x80), code];

    public static async Task Write(Stream stream, CancellationToken ct, byte[] bytes)
    {
        await stream.WriteAsync(bytes, ct);
        await stream.FlushAsync(ct);
    }

    /// <summary>A read request is 12 bytes: MBAP header, function, address, count.</summary>
    protected override Func<CancellationToken, Task<FakeRequest?>> OpenReader(Stream stream) => async ct =>
    {
        var buffer = new byte[12];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0) return null;
            filled += read;
        }
        return new FakeRequest(
            BinaryPrimitives.ReadUInt16BigEndian(buffer), BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)),
            buffer[6], buffer[7], BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(8)), BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(10)));
    };
}
