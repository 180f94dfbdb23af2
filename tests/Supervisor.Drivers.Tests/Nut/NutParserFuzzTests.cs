using Supervisor.Drivers.Tests.Fuzz;
using static Supervisor.Drivers.Tests.Fuzz.SeededFuzz;

namespace Supervisor.Drivers.Tests.Nut;

/// <summary>
/// Throws hostile input at the parser, the LIST collector and the mapper. The invariant: no exception escapes,
/// and every result is a value or an error with a non-empty message. Nothing here catches and ignores.
/// </summary>
public sealed class NutParserFuzzTests
{
    private static readonly string[] ValidReply =
    [
        "BEGIN LIST VAR ups1", "VAR ups1 battery.charge \"100\"", "VAR ups1 battery.runtime \"1800\"",
        "VAR ups1 device.model \"Smart \\\"UPS\\\" C:\\\\x\"", "VAR ups1 input.voltage \"230.5\"",
        "VAR ups1 ups.load \"23\"", "VAR ups1 ups.realpower \"120\"", "VAR ups1 ups.status \"OB LB\"", "END LIST VAR ups1",
    ];

    private static readonly string[] OtherValid = ["ERR UNKNOWN-UPS", "ERR DATA-STALE extra", "OK", "OK Goodbye"];

    private const string Alphabet = "VARBEGINLISTENDOKER ups1.\"\\\t\r\n -_0123456789eE,+NaInfity\u0000\u00e9\u2603";

    [Fact]
    public void Parser_and_mapper_should_return_value_or_error_when_fed_random_mutated_truncated_and_huge_replies()
    {
        Run(20261123, (random, i) => Generate(random, i % 5), CheckAll,
            lines => string.Join(" | ", lines.Select(l => l is null ? "<null>" : NutReplyParser.Show(l))));
    }

    /// <summary>FsCheck's own string generator on top of ours: nulls, control characters, surrogates.</summary>
    [Property(MaxTest = 10_000)]
    public void ParseLine_should_return_value_or_error_when_line_is_any_string(string? line)
    {
        AssertOutcome(NutReplyParser.ParseLine(line));
        Assert.NotNull(NutReplyParser.ParseStatus(line));
    }

    /// <summary>Escaping any value the way upsd does and parsing it back gives the value again.</summary>
    [Property(MaxTest = 10_000)]
    public void ParseLine_should_round_trip_value_when_value_is_escaped_like_upsd(string? value)
    {
        value = (value ?? "").Replace("\n", "");
        var line = $"VAR ups1 x \"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
        var result = NutReplyParser.ParseLine(line);
        Assert.True(result.IsSuccess, result.Error);
        // A lone trailing '\r' is a line end, not part of the value; upsd never sends one inside a value.
        Assert.Equal(value, ((NutReply.Var)result.Value).Value);
    }

    private static void CheckAll(IReadOnlyList<string?> lines)
    {
        foreach (var line in lines)
        {
            AssertOutcome(NutReplyParser.ParseLine(line));
            Assert.NotNull(NutReplyParser.ParseStatus(line));
        }
        AssertOutcome(NutReplyParser.ParseListVar("ups1", lines));

        // The mapper sees every variable the mutated lines still yield, plus ups.status taken from a random line.
        var vars = new Dictionary<string, string>();
        foreach (var line in lines)
            if (NutReplyParser.ParseLine(line) is { IsSuccess: true, Value: NutReply.Var v }) vars[v.Name] = v.Value;
        var mapped = NutReadingMapper.ToReading("dev", "ups1", vars, DateTimeOffset.UnixEpoch);
        AssertOutcome(mapped);
        if (mapped.IsSuccess)
        {
            var r = mapped.Value.Reading;
            foreach (var d in new[] { r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts })
                Assert.True(d is null || double.IsFinite(d.Value));
            Assert.All(mapped.Value.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w)));
        }

        foreach (var line in lines.Take(3))
            Assert.False(string.IsNullOrWhiteSpace(NutErrors.Describe(line ?? "", line,
                new NutErrorContext("dev", "h", 1, "ups1", null, "LIST VAR ups1"))));
    }

    private static IReadOnlyList<string?> Generate(Random random, int kind) => kind switch
    {
        0 => Mutate(random, ValidReply.ToList()),                                   // valid + random edits
        1 => Truncate(random, ValidReply.ToList()),                                 // cut anywhere
        2 => Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomString(random, random.Next(0, 80))).ToList<string?>(),
        // Oversized: beyond the driver's 4096-char line cap; every 100th case a 200k line.
        3 => [.. ValidReply.Take(random.Next(1, 8)), $"VAR ups1 x \"{new string('a', random.Next(4_000, random.Next(100) == 0 ? 200_000 : 20_000))}\"", new string('\\', random.Next(1, 10_000))],
        _ => Mutate(random, [.. OtherValid, .. ValidReply.Select(l => l.Replace("100", RandomString(random, 5)))]),
    };

    private static List<string?> Mutate(Random random, List<string> lines) => SeededFuzz.MutateLines(random, lines, Alphabet).ToList<string?>();

    private static List<string?> Truncate(Random random, List<string> lines)
    {
        var keep = random.Next(1, lines.Count + 1);
        var last = lines[keep - 1];
        lines = lines.Take(keep).ToList();
        lines[^1] = last[..random.Next(last.Length + 1)];
        return lines.ToList<string?>();
    }

    private static string RandomString(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            sb.Append(random.Next(3) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)]);
        return sb.ToString();
    }
}
