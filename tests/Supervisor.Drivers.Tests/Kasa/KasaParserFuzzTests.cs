using Xunit.Sdk;
using static Supervisor.Drivers.Tests.Kasa.KasaSamples;

namespace Supervisor.Drivers.Tests.Kasa;

/// <summary>
/// Throws hostile input at the decoder, both parsers, the outlet resolver and the mapper. The invariant: no
/// exception escapes, and every result is a value or an error with a non-empty message. Nothing here catches and ignores.
/// </summary>
public sealed class KasaParserFuzzTests
{
    private const int Cases = 12_000;

    private static readonly string[] Seeds = [Hs110SysInfo, Hs110Realtime, Hs110Combined, V2Realtime, Hs300SysInfo, UnknownChild, NoEmeterModule];
    private static readonly string[] Outlets = ["0", "2", "5", "99", "SIMHS30001", "x", ""];
    private const string Alphabet = "{}[]\":,-+.0123456789eE truefalsnul\\u00\u0000\u00e9\u2603err_codepowermvchildrenidstate";

    [Fact]
    public void Parsers_should_return_value_or_error_when_fed_random_mutated_truncated_and_huge_replies()
    {
        var random = new Random(20261123); // fixed seed: a failure reproduces exactly
        for (var i = 0; i < Cases; i++)
        {
            var json = Generate(random, i % 6);
            try
            {
                CheckText(json, Outlets[i % Outlets.Length]);
                CheckBytes(Encoding.UTF8.GetBytes(json), random);
            }
            catch (Exception e) when (e is not XunitException)
            {
                throw new XunitException($"case {i}: {e.GetType().Name} for input {KasaReplyParser.Show(json)}: {e}");
            }
        }
    }

    /// <summary>
    /// FsCheck's own strings and byte arrays on top of ours: nulls, control characters, surrogates. Fewer cases than
    /// the seeded test above (which carries the 10 000+ bar): almost all fail JSON parsing, and that path is slow.
    /// </summary>
    [Property(MaxTest = 3_000)]
    public void Parsers_should_return_value_or_error_when_input_is_any_string(string? json, byte[] bytes)
    {
        CheckText(json, json);
        AssertOutcome(KasaReplyParser.DecodePayload(bytes ?? []));
    }

    private static void CheckText(string? json, string? outlet)
    {
        var info = KasaReplyParser.ParseSysInfo(json);
        var rt = KasaReplyParser.ParseRealtime(json);
        AssertOutcome(info);
        AssertOutcome(rt);
        if (!info.IsSuccess) return;
        var resolved = KasaOutlets.Resolve(outlet, info.Value);
        AssertOutcome(resolved);
        if (!rt.IsSuccess) return;
        Assert.True(double.IsFinite(rt.Value.Watts));
        var mapped = KasaReadingMapper.ToReading("dev", info.Value, resolved.IsSuccess ? resolved.Value : null, rt.Value, DateTimeOffset.UnixEpoch);
        Assert.False(string.IsNullOrWhiteSpace(mapped.Reading.RawStatus));
        Assert.All(mapped.Warnings, w => Assert.False(string.IsNullOrWhiteSpace(w)));
        foreach (var d in new[] { mapped.Reading.InputVoltage, mapped.Reading.CurrentAmps, mapped.Reading.EnergyKwh })
            Assert.True(d is null || double.IsFinite(d.Value));
    }

    /// <summary>The same text through the wire path: encrypted, maybe corrupted, then decoded and parsed.</summary>
    private static void CheckBytes(byte[] plain, Random random)
    {
        var cipher = KasaCipher.Encrypt(plain);
        if (cipher.Length > 0 && random.Next(3) == 0) cipher[random.Next(cipher.Length)] ^= (byte)random.Next(1, 256);
        var text = KasaReplyParser.DecodePayload(cipher);
        AssertOutcome(text);
        if (text.IsSuccess) CheckText(text.Value, "1");
    }

    private static void AssertOutcome<T>(KasaResult<T> result)
    {
        if (result.IsSuccess) _ = result.Value;
        else Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    private static string Generate(Random r, int kind)
    {
        var seed = Seeds[r.Next(Seeds.Length)];
        switch (kind)
        {
            case 0: // truncated
                return seed[..r.Next(seed.Length + 1)];
            case 1: // mutated characters
            {
                var chars = seed.ToCharArray();
                for (var n = r.Next(1, 8); n > 0; n--) chars[r.Next(chars.Length)] = Alphabet[r.Next(Alphabet.Length)];
                return new string(chars);
            }
            case 2: // random text from the JSON-ish alphabet
                return new string(Enumerable.Range(0, r.Next(0, 300)).Select(_ => Alphabet[r.Next(Alphabet.Length)]).ToArray());
            case 3: // huge: deep nesting or a giant list of children
                return r.Next(2) == 0
                    ? new string('[', r.Next(10, 5000)) + new string(']', r.Next(0, 5000))
                    : "{\"system\":{\"get_sysinfo\":{\"children\":[" +
                      string.Join(',', Enumerable.Range(0, r.Next(1, 400)).Select(i => $"{{\"id\":\"C{i}\",\"state\":{r.Next(-1, 3)}}}")) + "]}}}";
            case 4: // values swapped for odd types and extremes
                return seed.Replace("120.5", Pick(r)).Replace("3140", Pick(r)).Replace("\"state\":1", "\"state\":" + Pick(r))
                           .Replace("\"relay_state\":1", "\"relay_state\":" + Pick(r)).Replace("\"err_code\":0", "\"err_code\":" + Pick(r));
            default: // spliced halves of two replies
            {
                var other = Seeds[r.Next(Seeds.Length)];
                return seed[..r.Next(seed.Length + 1)] + other[r.Next(other.Length + 1)..];
            }
        }
    }

    private static string Pick(Random r) =>
        new[] { "1e400", "-1e400", "null", "\"x\"", "[]", "{}", "true", "-0", "99999999999999999999", "1.5", "-14", "2147483648" }[r.Next(12)];
}
