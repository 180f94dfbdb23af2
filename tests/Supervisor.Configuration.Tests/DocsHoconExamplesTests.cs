using Supervisor.Tests.Docs;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// Issue 14 (docs that match): every ```hocon block in README.md and docs/ parses, and — unless the doc marks it
/// <c>&lt;!-- fragment --&gt;</c> or <c>&lt;!-- invalid --&gt;</c> — loads with no errors, on its own when it is a
/// complete config or layered over the demo config (config/supervisor.conf) when it sets a few keys. A block the doc
/// marks invalid (the "output for a bad file" example) must really fail, or its printed errors are fiction.
/// </summary>
public sealed class DocsHoconExamplesTests
{
    private static readonly string Root = LoaderTestSupport.RepoRoot();

    public static TheoryData<string> Examples() => new(DocBlocks.Hocon(Root).Select(b => b.ToString()));

    [Fact]
    public void The_docs_should_hold_hocon_examples_to_check()
    {
        // Guards the extraction itself: a broken fence pattern would make every theory below vacuous.
        Assert.True(DocBlocks.Hocon(Root).Count() >= 30, "found only " + DocBlocks.Hocon(Root).Count() + " hocon blocks");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_hocon_example_should_parse_and_load_without_errors(string where)
    {
        var block = DocBlocks.Hocon(Root).Single(b => b.ToString() == where);
        Config parsed;
        try { parsed = ConfigurationFactory.ParseString(block.Text); }
        catch (Exception e) { throw new Xunit.Sdk.XunitException($"{where}: does not parse: {e.Message}\n{block.Text}"); }
        if (block.Fragment) return;

        if (block.Invalid)
        {
            Assert.True(SupervisorConfigLoader.Load(parsed).Errors.Count > 0, $"{where} is marked invalid but loads without errors");
            return;
        }
        if (DocErrors(SupervisorConfigLoader.Load(parsed)).Count == 0) return;
        var demo = File.ReadAllText(Path.Combine(Root, "config", "supervisor.conf"));
        var layered = DocErrors(LoaderTestSupport.Load(demo + "\n" + block.Text));
        Assert.True(layered.Count == 0,
            $"{where}: neither a valid config on its own nor over the demo config (mark it {DocBlocks.FragmentMarker} if it is " +
            $"deliberately partial). Over the demo: {string.Join(" | ", layered)}\n{block.Text}");
    }

    /// <summary>
    /// The errors that are the doc's fault. An example names files, environment variables and systemd credentials on
    /// the operator's host (/etc/supervisor/tls/node.pfx, env:MQTT_PASSWORD); that they do not exist on the test machine
    /// says nothing about the example, so exactly those three kinds are set aside — a wrong key or value still fails.
    /// </summary>
    private static List<ConfigError> DocErrors(ConfigLoadResult result) =>
        result.Errors.Where(e => !HostBound.IsMatch(e.Message)).ToList();

    private static readonly System.Text.RegularExpressions.Regex HostBound = new(
        @"^(""file:[^""]+"": )?file ""[^""]+"" not found; |^""env:\w+"": environment variable ""\w+"" is not set|^""credential:[\w.-]+"": \$CREDENTIALS_DIRECTORY is not set");
}
