using Supervisor.Configuration;
using Supervisor.Domain.Configuration;

namespace Supervisor.IntegrationTests.Fuzz;

/// <summary>
/// Thousands of broken configs, mutated from the repository's own and written from scratch, through everything
/// `validate` and `run` do before a node starts: parsing, <see cref="SupervisorConfigLoader"/> and
/// <see cref="NodeConfigurationBuilder.Build"/>. Whatever the input, no exception escapes, nothing hangs or
/// overflows the stack (that would kill this test process), and every error names a HOCON path, or the file with
/// line:column. Deterministic: a failure names the seed and case to replay.
/// </summary>
public sealed partial class ConfigFuzzTests(ITestOutputHelper output) : ScenarioTest
{
    /// <summary>SUPERVISOR_FUZZ_SEED and SUPERVISOR_FUZZ_SECONDS run a longer or different fuzz by hand; CI uses the defaults.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("SUPERVISOR_FUZZ_SEED"), out var s) ? s : 20261123;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("SUPERVISOR_FUZZ_SECONDS"), out var t) ? t : 15);
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);
    private static readonly int MaxCases = Budget.TotalSeconds > 15 ? int.MaxValue : 4000;
    private static readonly System.Text.Encoding Lenient = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    [GeneratedRegex(@"^(""([^""\\]|\\.)*""|[^"".\[\]\s]+)(\.(""([^""\\]|\\.)*""|[^"".\[\]\s]+)|\[\d+\])*$")]
    private static partial Regex HoconPath();

    [GeneratedRegex(@"^--[a-z-]+$")]
    private static partial Regex Flag();

    private static IReadOnlyList<string> SeedConfigs()
    {
        var root = RepoPaths.Root;
        return Directory.GetFiles(Path.Combine(root, "config"), "*.conf", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "cluster.hocon"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
    }

    [Fact]
    public async Task Loading_should_never_throw_hang_or_leave_an_error_without_a_path_when_configs_are_mutated_or_generated()
    {
        var seeds = SeedConfigs();
        Assert.True(seeds.Count >= 4, "expected the repository's configs");
        var random = new Random(Seed);
        var mutator = new HoconMutator(random);
        var file = Path.Combine(Scenario.Dir, "case.conf");
        var clock = Stopwatch.StartNew();
        var (cases, rejected, kinds) = (0, 0, new Dictionary<string, int>());

        while (cases < MaxCases && clock.Elapsed < Budget)
        {
            var text = (cases % 4) switch
            {
                0 => mutator.Generate(),
                1 => mutator.Mutate(mutator.Generate()),
                _ => mutator.Mutate(seeds[random.Next(seeds.Count)]),
            };
            File.WriteAllText(file, text, Lenient); // a lone surrogate becomes U+FFFD, as from any editor
            var where = $"seed {Seed}, case {cases}; input:\n{text[..Math.Min(text.Length, 2000)]}";

            var run = Task.Run(() => (SupervisorConfigLoader.LoadFile(file), NodeConfigurationBuilder.Build(new NodeOptions(file))));
            if (await Task.WhenAny(run, Task.Delay(PerCase)) != run) Assert.Fail($"loading did not finish within {PerCase.TotalSeconds}s ({where})");
            ConfigLoadResult loaded;
            NodeConfigurationResult built;
            try { (loaded, built) = await run; }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"{e.GetType().Name} escaped: {e.Message} ({where})\n{e}"); }

            foreach (var error in loaded.Errors.Concat(built.Errors))
            {
                CheckNamed(error, file, where);
                var kind = Kind(error, file);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }
            foreach (var warning in loaded.Warnings.Concat(built.Warnings)) CheckNamed(warning, file, where);
            if (built.Node is null) rejected++;
            cases++;
        }

        output.WriteLine($"{cases} configs in {clock.Elapsed.TotalSeconds:0.0}s, {rejected} rejected; errors by kind: " +
                         string.Join(", ", kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}")));
        Assert.True(cases >= 500, $"only {cases} configs in {Budget.TotalSeconds}s: too slow to fuzz meaningfully");
        Assert.True(rejected > cases / 4 && rejected < cases, $"{rejected} of {cases} rejected: the mutations should break many configs, not all");
        Assert.True(kinds.GetValueOrDefault("syntax") > 0 && kinds.GetValueOrDefault("path") > 0, "both syntax and value errors should occur");
    }

    private static void CheckNamed(ConfigError e, string file, string where)
    {
        Assert.False(string.IsNullOrWhiteSpace(e.Message), $"an empty message at {e.Path} ({where})");
        if (e.Path.StartsWith(file, StringComparison.Ordinal))
        {
            var rest = e.Path[file.Length..];
            Assert.True(rest.Length == 0 || Regex.IsMatch(rest, @"^:\d+:\d+$"), $"file error with a bad position \"{e.Path}\" ({where})");
        }
        else
            Assert.True(HoconPath().IsMatch(e.Path) || Flag().IsMatch(e.Path), $"error path \"{e.Path}\" is neither a HOCON path nor the file: {e.Message} ({where})");
        foreach (var bug in new[] { "this is a bug", "Object reference", "NullReferenceException", "IndexOutOfRange", "InvalidCastException", "   at " })
            Assert.False(e.Message.Contains(bug, StringComparison.Ordinal), $"\"{bug}\" in {e} ({where})");
    }

    private static string Kind(ConfigError e, string file) => e.Path.StartsWith(file, StringComparison.Ordinal)
        ? (e.Message.StartsWith("HOCON syntax error", StringComparison.Ordinal) ? "syntax" : "file")
        : "path";
}
