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

    /// <summary>A parser's contract on any input: a value, or an error that says something.</summary>
    public static void AssertOutcome<T>(ParseResult<T> result)
    {
        if (result.IsSuccess) Assert.NotNull(result.Value);
        else Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }
}
