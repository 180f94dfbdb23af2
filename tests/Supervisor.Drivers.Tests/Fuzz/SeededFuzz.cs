using System.Text;
using Xunit.Sdk;

namespace Supervisor.Drivers.Tests.Fuzz;

/// <summary>
/// The loop every parser's seeded fuzz test runs: a fixed seed, so a failing case reproduces exactly, and a failure
/// that names the case and shows its input. The exception is rethrown with that context, never swallowed.
/// </summary>
public static class SeededFuzz
{
    /// <summary>Cases per fuzz test: enough to reach every generator branch many times, ~1 s per parser.</summary>
    public const int Cases = 12_000;

    public static void Run<T>(int seed, Func<Random, int, T> generate, Action<T> check, Func<T, string> show, int cases = Cases)
    {
        var random = new Random(seed);
        for (var i = 0; i < cases; i++)
        {
            var input = generate(random, i);
            try
            {
                check(input);
            }
            catch (Exception ex)
            {
                throw new XunitException($"fuzz case #{i} failed for {show(input)}\n{ex}");
            }
        }
    }

    /// <summary>
    /// 1–5 edits to random lines of a valid reply: a character from <paramref name="alphabet"/> inserted, one removed,
    /// one replaced by any UTF-16 unit, or a whole line duplicated. Edits <paramref name="lines"/> in place.
    /// </summary>
    public static List<string> MutateLines(Random random, List<string> lines, string alphabet)
    {
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            var at = random.Next(lines.Count);
            var chars = new StringBuilder(lines[at]);
            var pos = random.Next(chars.Length + 1);
            switch (random.Next(4))
            {
                case 0: chars.Insert(pos, alphabet[random.Next(alphabet.Length)]); break;
                case 1 when pos < chars.Length: chars.Remove(pos, 1); break;
                case 2 when pos < chars.Length: chars[pos] = (char)random.Next(0, 0xFFFF); break;
                default: lines.Insert(at, lines[random.Next(lines.Count)]); break; // duplicate a line
            }
            lines[at] = chars.ToString();
        }
        return lines;
    }

    /// <summary>A parser's contract on any input: a value, or an error that says something.</summary>
    public static void AssertOutcome<T>(ParseResult<T> result)
    {
        if (result.IsSuccess) Assert.NotNull(result.Value);
        else Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }
}
