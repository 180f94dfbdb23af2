using System.Buffers.Binary;
using System.Text;

namespace Supervisor.Drivers.Modbus;

/// <summary>One read request as sent: what its reply must match.</summary>
/// <param name="Function">3 (read holding registers) or 4 (read input registers).</param>
public sealed record ModbusReadRequest(ushort TransactionId, byte UnitId, byte Function, ushort Address, ushort Count);

/// <summary>The 7-byte MBAP header that starts every Modbus TCP frame.</summary>
/// <param name="Length">Bytes after the length field: the unit id plus the PDU.</param>
public readonly record struct ModbusHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>Bytes still to read after the header (the PDU).</summary>
    public int BodyLength => Length - 1;
}

/// <summary>A well-formed reply to a read request.</summary>
public abstract record ModbusReply
{
    private ModbusReply() { }

    /// <summary>The registers asked for, in address order.</summary>
    public sealed record Registers(ushort[] Values) : ModbusReply;

    /// <summary>The device refused the request: function | 0x80 and an exception code (see <see cref="ModbusErrors"/>).</summary>
    public sealed record Exception(byte Function, byte Code) : ModbusReply;
}

/// <summary>
/// Pure Modbus TCP framing (MBAP + PDU for functions 3 and 4). Nothing here throws on bad input: every
/// malformed frame becomes a failed <see cref="ParseResult{T}"/> saying what was wrong and showing the bytes.
/// </summary>
public static class ModbusFrame
{
    public const int HeaderLength = 7;

    /// <summary>Largest MBAP length field: unit id + the 253-byte maximum PDU (a 260-byte ADU).</summary>
    public const int MaxLengthField = 254;

    /// <summary>Protocol limit for functions 3 and 4 (the reply's byte count must fit in one byte and the PDU in 253).</summary>
    public const int MaxRegistersPerRead = 125;

    public const byte ReadHoldingRegisters = 3;
    public const byte ReadInputRegisters = 4;

    private const int ShownBytes = 32;

    /// <summary>The 12-byte request frame for reading <paramref name="r"/>.Count registers.</summary>
    public static byte[] ReadRequest(ModbusReadRequest r)
    {
        var frame = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(0), r.TransactionId);
        // Bytes 2-3: protocol id 0 (Modbus). Length 6 = unit id + function + address + count.
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
        frame[6] = r.UnitId;
        frame[7] = r.Function;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), r.Address);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(10), r.Count);
        return frame;
    }

    /// <summary>
    /// Checks the header alone, so the reader can stop before waiting for a body whose length is nonsense
    /// (an HTTP server or a TLS port answers with bytes that decode to a huge or non-zero protocol id).
    /// </summary>
    public static ParseResult<ModbusHeader> ParseHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderLength)
            return ParseResult<ModbusHeader>.Fail($"reply is {header.Length} bytes, shorter than the 7-byte Modbus TCP header ({Show(header)})");
        var h = new ModbusHeader(
            BinaryPrimitives.ReadUInt16BigEndian(header),
            BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(header[4..]),
            header[6]);
        if (h.ProtocolId != 0)
            return ParseResult<ModbusHeader>.Fail(
                $"reply header has protocol id {h.ProtocolId}, not 0 (Modbus); this is not a Modbus TCP reply ({Show(header)})");
        if (h.Length < 2 || h.Length > MaxLengthField)
            return ParseResult<ModbusHeader>.Fail(
                $"reply header gives length {h.Length}, outside the Modbus TCP range 2..{MaxLengthField} ({Show(header)})");
        return ParseResult<ModbusHeader>.Ok(h);
    }

    /// <summary>
    /// Parses a complete reply frame (header + body) to <paramref name="expected"/>: transaction id, unit id,
    /// function and register count must all match; an exception reply (function | 0x80) is a success value.
    /// </summary>
    public static ParseResult<ModbusReply> ParseReadReply(ReadOnlySpan<byte> frame, ModbusReadRequest expected)
    {
        var parsed = ParseHeader(frame);
        if (!parsed.IsSuccess) return Fail(parsed.Error);
        var h = parsed.Value;
        if (frame.Length != HeaderLength + h.BodyLength)
            return Fail($"reply frame is {frame.Length} bytes but its header announces {HeaderLength + h.BodyLength} ({Show(frame)})");
        if (h.TransactionId != expected.TransactionId)
            return Fail($"reply has transaction id {h.TransactionId}, but the request had {expected.TransactionId} " +
                        $"(a reply to another request, or a device that does not echo the id) ({Show(frame)})");
        if (h.UnitId != expected.UnitId)
            return Fail($"reply comes from unit id {h.UnitId}, but we asked unit id {expected.UnitId} ({Show(frame)})");

        var body = frame[HeaderLength..];
        var function = body[0];
        if (function == (expected.Function | 0x80))
        {
            if (body.Length != 2) return Fail($"exception reply has {body.Length} PDU bytes instead of 2 ({Show(frame)})");
            return ParseResult<ModbusReply>.Ok(new ModbusReply.Exception(function, body[1]));
        }
        if (function != expected.Function)
            return Fail($"reply has function code {function}, but the request was function {expected.Function} ({Show(frame)})");
        if (body.Length < 2) return Fail($"reply to function {function} has no byte count ({Show(frame)})");

        var byteCount = body[1];
        var wanted = expected.Count * 2;
        if (byteCount != wanted)
            return Fail($"reply carries {byteCount} data bytes, but {expected.Count} registers need {wanted} ({Show(frame)})");
        if (body.Length != 2 + byteCount)
            return Fail($"reply byte count says {byteCount} but {body.Length - 2} data bytes follow ({Show(frame)})");

        var values = new ushort[expected.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadUInt16BigEndian(body[(2 + 2 * i)..]);
        return ParseResult<ModbusReply>.Ok(new ModbusReply.Registers(values));
    }

    /// <summary>Hex bytes for an error message, cut after 32 (garbage can be long).</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder("bytes:");
        foreach (var b in bytes[..Math.Min(bytes.Length, ShownBytes)]) sb.Append(' ').Append(b.ToString("X2"));
        if (bytes.Length == 0) sb.Append(" none");
        if (bytes.Length > ShownBytes) sb.Append($" … ({bytes.Length} bytes)");
        return sb.ToString();
    }

    private static ParseResult<ModbusReply> Fail(string error) => ParseResult<ModbusReply>.Fail(error);
}
