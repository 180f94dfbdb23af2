using Supervisor.Drivers.Tests.Fuzz;
using static Supervisor.Drivers.Tests.Fuzz.SeededFuzz;

namespace Supervisor.Drivers.Tests.Shelly;

/// <summary>
/// Hostile input for every parser and the mapper. Invariant: no exception escapes, and every result is a value or an
/// error with a non-empty message; values are finite. Nothing here catches and ignores.
/// </summary>
public sealed class ShellyParserFuzzTests
{
    private static readonly string[] Documents =
    [
        ShellyDocumentedPayloads.Gen1Shelly, ShellyDocumentedPayloads.Gen1PlugSStatus, ShellyDocumentedPayloads.Gen1Shelly1PMStatus,
        ShellyDocumentedPayloads.Gen1Shelly3EMStatus, ShellyDocumentedPayloads.Gen2PlusPlugSShelly, ShellyDocumentedPayloads.Gen2Plus1PMShelly,
        ShellyDocumentedPayloads.Gen2SwitchStatus, ShellyDocumentedPayloads.Gen2InvalidIdError,
    ];

    private const string Alphabet = "{}[]\",:0123456789.-+eE truefalsenull\\u00\t\r\n<>apowermetersemetersrelaysisongen";

    [Fact]
    public void Parsers_should_return_value_or_error_when_fed_random_mutated_truncated_and_huge_bodies()
    {
        Run(20261124, (random, i) => (Body: Generate(random, i % 6), Channel: random.Next(-1, 4)), c => CheckAll(c.Body, c.Channel),
            c => $"{ShellyJson.Show(c.Body)} ({c.Body.Length} bytes)");
    }

    /// <summary>FsCheck's own byte arrays on top of ours (any bytes, including invalid UTF-8).</summary>
    [Property(MaxTest = 10_000)]
    public void Parsers_should_return_value_or_error_when_body_is_any_bytes(byte[]? bytes, int channel) =>
        CheckAll(bytes ?? [], channel);

    /// <summary>Any string FsCheck makes, as UTF-8 (nulls, surrogates, control characters).</summary>
    [Property(MaxTest = 10_000)]
    public void Parsers_should_return_value_or_error_when_body_is_any_string(string? text) =>
        CheckAll(Encoding.UTF8.GetBytes(text ?? ""), 0);

    private static void CheckAll(byte[] body, int channel)
    {
        AssertOutcome(ShellyParser.ParseDeviceInfo(body));
        foreach (var result in new[] { ShellyParser.ParseGen1Status(body, channel), ShellyParser.ParseGen2SwitchStatus(body, channel) })
        {
            AssertOutcome(result);
            if (!result.IsSuccess) continue;
            var m = result.Value;
            foreach (var d in new[] { m.PowerWatts, m.Voltage, m.CurrentAmps, m.FrequencyHz, m.EnergyKwh })
                Assert.True(d is null || double.IsFinite(d.Value));
            Assert.All(m.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w)));
            var mapped = ShellyReadingMapper.ToReading("dev", null, m, DateTimeOffset.UnixEpoch);
            Assert.Equal(m.PowerWatts, mapped.Reading.PowerWatts);
            Assert.False(string.IsNullOrWhiteSpace(mapped.Reading.RawStatus));
        }
        _ = ShellyParser.TryParseRpcError(body);
        Assert.False(string.IsNullOrEmpty(ShellyJson.Show(body)));
    }

    private static byte[] Generate(Random random, int kind)
    {
        var doc = Documents[random.Next(Documents.Length)];
        return kind switch
        {
            0 => Encoding.UTF8.GetBytes(Mutate(random, doc)),
            1 => Encoding.UTF8.GetBytes(doc[..random.Next(doc.Length + 1)]),                  // cut anywhere
            2 => Encoding.UTF8.GetBytes(RandomText(random, random.Next(0, 200))),
            // Oversized and deep: beyond the HTTP cap (64 KiB) and the JSON depth limit.
            3 => Encoding.UTF8.GetBytes(random.Next(2) == 0
                ? new string('[', random.Next(10, 5_000)) + new string(']', random.Next(0, 5_000))
                : "{\"meters\":[{\"power\":" + new string('9', random.Next(300, random.Next(50) == 0 ? 100_000 : 2_000)) + "}]}"),
            4 => Bytes(random, Encoding.UTF8.GetBytes(doc)),                                   // raw byte flips (invalid UTF-8)
            _ => Encoding.UTF8.GetBytes(SwapValues(random, doc)),                              // right shape, wrong types
        };
    }

    private static string Mutate(Random random, string doc)
    {
        var chars = new StringBuilder(doc);
        for (var n = random.Next(1, 8); n > 0; n--)
        {
            var pos = random.Next(chars.Length + 1);
            switch (random.Next(3))
            {
                case 0: chars.Insert(pos, Alphabet[random.Next(Alphabet.Length)]); break;
                case 1 when pos < chars.Length: chars.Remove(pos, 1); break;
                default: if (pos < chars.Length) chars[pos] = (char)random.Next(0, 0xFFFF); break;
            }
        }
        return chars.ToString();
    }

    private static string SwapValues(Random random, string doc)
    {
        string[] values = ["null", "true", "\"x\"", "[]", "{}", "-0", "1e308", "-1e999", "12.5", "[1,{\"power\":2}]"];
        var parts = doc.Split(':');
        for (var i = 1; i < parts.Length; i++)
            if (random.Next(3) == 0)
            {
                var end = parts[i].IndexOfAny([',', '}', ']']);
                parts[i] = " " + values[random.Next(values.Length)] + (end < 0 ? "" : parts[i][end..]);
            }
        return string.Join(':', parts);
    }

    private static byte[] Bytes(Random random, byte[] bytes)
    {
        for (var n = random.Next(1, 10); n > 0 && bytes.Length > 0; n--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            sb.Append(random.Next(4) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)]);
        return sb.ToString();
    }
}
