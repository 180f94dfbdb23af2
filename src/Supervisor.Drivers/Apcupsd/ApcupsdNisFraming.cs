using System.Buffers.Binary;
using System.Text;

namespace Supervisor.Drivers.Apcupsd;

/// <summary>The records of one NIS reply decoded so far.</summary>
/// <param name="Records">Record texts, with the trailing <c>\n</c> (and the <c>\0</c> some replies carry) removed.</param>
/// <param name="IsComplete">True once the zero-length record that ends the reply was seen.</param>
/// <param name="Consumed">Bytes used up to and including that end record (meaningful when complete).</param>
public sealed record NisFrames(IReadOnlyList<string> Records, bool IsComplete, int Consumed);

/// <summary>
/// apcupsd NIS framing, pure. The client sends a 2-byte big-endian length and the command (<c>status</c>); the
/// server answers records, each a 2-byte big-endian length and one text line, and ends with a zero-length record.
/// Lengths come off the network, so every one is capped before anything is buffered: a peer that is not
/// apcupsd (an SSH banner reads as a 21 KB record) is rejected on its first two bytes.
/// </summary>
public static class ApcupsdNisFraming
{
    /// <summary>Longest record accepted. apcupsd formats lines into 256-byte buffers; 1 KiB leaves room for forks.</summary>
    public const int MaxRecordLength = 1024;

    /// <summary>Most records accepted in one reply. A full apcupsd 3.14 status has about 60.</summary>
    public const int MaxRecords = 256;

    /// <summary>Largest reply accepted, framing included. A real status reply is 1–3 KB.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    /// <summary>The request for <paramref name="command"/> (ASCII, at most 255 bytes as apcupsd reads it).</summary>
    public static byte[] EncodeRequest(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length is 0 or > 255 || !command.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"not a NIS command: \"{command}\"", nameof(command));
        var bytes = new byte[2 + command.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)command.Length);
        Encoding.ASCII.GetBytes(command, bytes.AsSpan(2));
        return bytes;
    }

    /// <summary>
    /// Decodes what has arrived so far. Success: the records so far and whether the reply is complete (read more
    /// when not). Failure: the bytes cannot be an apcupsd reply (a length over a cap), with the reason.
    /// Bytes after the end record are ignored (apcupsd sends none).
    /// </summary>
    public static ParseResult<NisFrames> Decode(ReadOnlySpan<byte> received)
    {
        var records = new List<string>();
        var offset = 0;
        while (received.Length - offset >= 2)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(received[offset..]);
            if (length == 0) return ParseResult<NisFrames>.Ok(new NisFrames(records, true, offset + 2));
            if (length > MaxRecordLength)
                return Fail(received, offset, $"record {records.Count + 1} announces {length} bytes, more than the {MaxRecordLength} a NIS record may have");
            if (records.Count >= MaxRecords)
                return Fail(received, offset, $"the reply has more than {MaxRecords} records without the end marker");
            // + 2: the end marker must fit too, so a reader with a MaxReplyBytes buffer never fills it undecided.
            if (offset + 2 + length + 2 > MaxReplyBytes)
                return Fail(received, offset, $"the reply is larger than {MaxReplyBytes / 1024} KiB");
            if (received.Length - offset - 2 < length) break;
            records.Add(Text(received.Slice(offset + 2, length)));
            offset += 2 + length;
        }
        return ParseResult<NisFrames>.Ok(new NisFrames(records, false, offset));
    }

    /// <summary>Record bytes as text: UTF-8 (invalid bytes become U+FFFD), without the trailing NUL and line end.</summary>
    private static string Text(ReadOnlySpan<byte> bytes)
    {
        // apcupsd 3.14 counts the C string's NUL in some records ("Invalid command\n\0"); strip it, then the line end.
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] == 0) end--;
        if (end > 0 && bytes[end - 1] == (byte)'\n') end--;
        if (end > 0 && bytes[end - 1] == (byte)'\r') end--;
        return Encoding.UTF8.GetString(bytes[..end]);
    }

    /// <summary>Fails quoting the bytes where the problem is: they usually tell what answered instead of apcupsd.</summary>
    private static ParseResult<NisFrames> Fail(ReadOnlySpan<byte> received, int offset, string reason)
    {
        var shown = received.Slice(offset, Math.Min(40, received.Length - offset));
        return ParseResult<NisFrames>.Fail($"{reason} (bytes there: {ApcupsdStatusParser.Show(Encoding.Latin1.GetString(shown))})");
    }
}
