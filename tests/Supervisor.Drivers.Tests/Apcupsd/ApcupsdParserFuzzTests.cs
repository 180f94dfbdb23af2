using Supervisor.Drivers.Tests.Fuzz;
using static Supervisor.Drivers.Tests.Fuzz.SeededFuzz;

namespace Supervisor.Drivers.Tests.Apcupsd;

/// <summary>
/// Throws hostile bytes and lines at the framing, the record parser and the mapper. The invariant: no exception
/// escapes, and every result is a value or an error with a non-empty message. Nothing here catches and ignores.
/// </summary>
public sealed class ApcupsdParserFuzzTests
{
    private const string Alphabet = "STATUSONLINEBATTLOWCOMMSHUTTINGDOWN BCHARGETIMELEFT:.,-+eE0123456789 PercentMinutesVolts\t\r\n\0x\u00e9\u2603";

    [Fact]
    public void Framing_parser_and_mapper_should_return_value_or_error_when_fed_random_mutated_truncated_and_huge_replies()
    {
        Run(20261123, (random, i) => Generate(random, i % 6), CheckAll,
            bytes => $"{bytes.Length} bytes: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(200, bytes.Length)))}");
    }

    /// <summary>FsCheck's own string generator on top of ours: nulls, control characters, surrogates.</summary>
    [Property(MaxTest = 10_000)]
    public void Parsers_should_return_value_or_error_when_line_is_any_string(string? line)
    {
        AssertOutcome(ApcupsdStatusParser.ParseRecord(line));
        AssertOutcome(ApcupsdStatusParser.ParseNumber(line));
        Assert.NotNull(ApcupsdStatusParser.ParseFlags(line));
        ApcupsdStatusParser.ParseStatFlag(line);
        AssertOutcome(ApcupsdReadingMapper.ToReading("dev", ApcupsdStatusParser.ParseStatus([line, $"STATUS : {line}", $"TIMELEFT : {line}"]), DateTimeOffset.UnixEpoch));
    }

    /// <summary>Any record text framed as apcupsd frames it decodes back to itself (line end and NULs aside).</summary>
    [Property(MaxTest = 2_000)]
    public void Decode_should_round_trip_records_when_framed_like_apcupsd(string[]? lines)
    {
        lines = (lines ?? []).Select(l => (l ?? "x").Replace("\0", "").Replace("\n", "").Replace("\r", "").Replace("\uFFFD", ""))
            .Where(l => l.Length > 0 && !l.Any(char.IsSurrogate) && Encoding.UTF8.GetByteCount(l) < 500).Take(100).ToArray();
        var result = ApcupsdNisFraming.Decode(FakeNis.Frame(lines));
        Assert.True(result.IsSuccess, result.Error);
        Assert.True(result.Value.IsComplete);
        Assert.Equal(lines, result.Value.Records);
    }

    private static void CheckAll(byte[] bytes)
    {
        var frames = ApcupsdNisFraming.Decode(bytes);
        AssertOutcome(frames);
        // Every prefix too: that is what the driver decodes while bytes arrive.
        for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 7)) AssertOutcome(ApcupsdNisFraming.Decode(bytes.AsSpan(0, cut)));

        var records = frames.IsSuccess ? frames.Value.Records : Encoding.UTF8.GetString(bytes).Split('\n');
        foreach (var record in records)
        {
            AssertOutcome(ApcupsdStatusParser.ParseRecord(record));
            AssertOutcome(ApcupsdStatusParser.ParseNumber(record));
        }
        var status = ApcupsdStatusParser.ParseStatus(records);
        Assert.All(status.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w)));
        var mapped = ApcupsdReadingMapper.ToReading("dev", status, DateTimeOffset.UnixEpoch);
        AssertOutcome(mapped);
        if (mapped.IsSuccess)
        {
            var r = mapped.Value.Reading;
            foreach (var d in new[] { r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts, r.FrequencyHz })
                Assert.True(d is null || (double.IsFinite(d.Value) && d >= 0));
            Assert.All(mapped.Value.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w)));
        }
    }

    private static byte[] Generate(Random random, int kind) => kind switch
    {
        0 => FakeNis.Frame(MutateLines(random, FakeNis.RealStatus.ToList())),        // valid framing, mutated text
        1 => MutateBytes(random, FakeNis.Frame(FakeNis.RealStatus)),                  // valid text, mutated bytes (lengths too)
        2 => Truncate(random, FakeNis.Frame(FakeNis.RealStatus)),                     // cut anywhere
        3 => RandomBytes(random, random.Next(0, 400)),                                 // pure noise
        // Oversized: a record at or over the 1 KiB cap, a reply over 64 KiB, or more than 256 records.
        4 => random.Next(3) switch
        {
            0 => FakeNis.Frame([.. FakeNis.RealStatus[..5], "X : " + new string('a', random.Next(1000, 1100))]),
            1 => FakeNis.Frame([.. Enumerable.Range(0, random.Next(60, 80)).Select(_ => "K : " + new string('v', 1000))]),
            _ => FakeNis.Frame([.. Enumerable.Range(0, random.Next(250, 300)).Select(i => $"K{i} : {i}")]),
        },
        _ => FakeNis.Frame(Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomString(random, random.Next(0, 60))).ToArray()),
    };

    private static string[] MutateLines(Random random, List<string> lines) => [.. SeededFuzz.MutateLines(random, lines, Alphabet)];

    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        for (var n = random.Next(1, 8); n > 0; n--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    private static byte[] Truncate(Random random, byte[] bytes) => bytes[..random.Next(bytes.Length + 1)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomString(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            sb.Append(random.Next(3) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)]);
        return sb.ToString();
    }
}
