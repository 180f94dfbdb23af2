using Supervisor.Tests.Docs;

namespace Supervisor.IntegrationTests.Docs;

/// <summary>
/// Issue 14 (docs that match): every <c>supervisor &lt;verb&gt; [&lt;sub&gt;] …</c> line in the shell blocks of README.md
/// and docs/ names a command the real CLI has (<c>supervisor verb [sub] --help</c> exits 0) with options it lists, and docs/cli.md's usage list
/// names exactly the commands <c>supervisor --help</c> lists, so a renamed or new command fails CI, not a new operator.
/// </summary>
public sealed class DocsCommandLineTests(ITestOutputHelper output)
{
    [Fact]
    public void The_docs_should_hold_supervisor_command_lines_to_check()
    {
        // Guards the extraction itself: a broken pattern would make the check below vacuous.
        Assert.True(DocBlocks.Commands(RepoPaths.Root).Count() >= 20, "found only " + DocBlocks.Commands(RepoPaths.Root).Count());
    }

    [Fact]
    public void Every_code_fence_in_the_docs_should_be_closed()
    {
        // An unclosed fence swallows the prose below it into a code block, and hides the examples there from these tests.
        Assert.Empty(DocBlocks.BrokenFences(RepoPaths.Root));
    }

    [Fact]
    public async Task Every_documented_command_should_exist_in_the_cli()
    {
        var help = new CliHelp();
        var drift = new List<string>();
        foreach (var command in DocBlocks.Commands(RepoPaths.Root))
        {
            var path = new List<string>();
            foreach (var word in command.Words.TakeWhile(w => !w.StartsWith('-')))
            {
                var known = await help.CommandsOfAsync(path);
                if (known.Count == 0) break; // the rest are arguments (a file, a saga id)
                if (!known.Contains(word)) { drift.Add($"{command}: \"{word}\" is not a command of `supervisor {string.Join(' ', path)}` (it has {string.Join(", ", known)})"); break; }
                path.Add(word);
            }
            if (path.Count == 0 && !drift.Any(d => d.StartsWith(command.ToString(), StringComparison.Ordinal)))
                drift.Add($"{command}: no command named");
            else if (path.Count > 0 && await help.ExitOfAsync(path) != 0)
                drift.Add($"{command}: `supervisor {string.Join(' ', path)} --help` does not exit 0");
            else if (path.Count > 0)
            {
                var options = await help.OptionsOfAsync(path);
                foreach (var option in command.Words.Select(w => Regex.Match(w, @"^\[?(--[a-z][\w-]*)")).Where(m => m.Success).Select(m => m.Groups[1].Value))
                    if (!options.Contains(option)) drift.Add($"{command}: `supervisor {string.Join(' ', path)}` has no option {option}");
            }
            output.WriteLine($"{command} -> supervisor {string.Join(' ', path)}");
        }
        Assert.True(drift.Count == 0, string.Join("\n", drift));
    }

    [Fact]
    public async Task The_usage_list_in_cli_md_should_name_every_top_level_command()
    {
        var usage = DocBlocks.All(RepoPaths.Root)
            .First(b => b.File == Path.Combine("docs", "cli.md") && b.Text.StartsWith("supervisor [command]", StringComparison.Ordinal));
        var documented = CliHelp.CommandsIn(usage.Text);
        var actual = await new CliHelp().CommandsOfAsync([]);
        Assert.True(actual.Count >= 10, "supervisor --help lists only: " + string.Join(", ", actual));
        Assert.Empty(actual.Except(documented)); // commands the CLI has that the usage list leaves out
        Assert.Empty(documented.Except(actual)); // commands the usage list names that the CLI does not have
    }

    /// <summary><c>supervisor … --help</c> through the real executable, each command path asked once.</summary>
    private sealed class CliHelp
    {
        private readonly Dictionary<string, CliProcess.Result> _asked = [];

        public async Task<IReadOnlyList<string>> CommandsOfAsync(IReadOnlyList<string> path) => CommandsIn((await AskAsync(path)).Stdout);

        public async Task<IReadOnlyList<string>> OptionsOfAsync(IReadOnlyList<string> path)
        {
            var section = (await AskAsync(path)).Stdout.Replace("\r\n", "\n").Split("\nOptions:\n");
            return section.Length < 2 ? [] : Regex.Matches(section[1].Split("\n\n")[0], @"(?<=^|[\s,])--[a-z][\w-]*", RegexOptions.Multiline).Select(m => m.Value).ToList();
        }

        public async Task<int> ExitOfAsync(IReadOnlyList<string> path) => (await AskAsync(path)).ExitCode;

        /// <summary>The names in a help text's "Commands:" section (each at two spaces' indent; wrapped descriptions sit deeper).</summary>
        public static IReadOnlyList<string> CommandsIn(string helpText)
        {
            var section = helpText.Replace("\r\n", "\n").Split("\nCommands:\n");
            if (section.Length < 2) return [];
            return section[1].Split('\n').TakeWhile(l => l.Length > 0)
                .Select(l => Regex.Match(l, @"^  (?<name>[a-z][\w-]*)")).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();
        }

        private async Task<CliProcess.Result> AskAsync(IReadOnlyList<string> path)
        {
            var key = string.Join(' ', path);
            if (!_asked.TryGetValue(key, out var result))
                _asked[key] = result = await CliProcess.RunAsync([.. path, "--help"]);
            return result;
        }
    }
}
