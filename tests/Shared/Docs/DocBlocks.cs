using System.Text.RegularExpressions;

namespace Supervisor.Tests.Docs;

/// <summary>One fenced block in a document: where it starts, its language tag and body, and whether the doc marks it
/// <c>&lt;!-- fragment --&gt;</c> (deliberately partial: it must parse, but is not a config on its own) or
/// <c>&lt;!-- invalid --&gt;</c> (an example of errors: it must fail).</summary>
public sealed record DocBlock(string File, int Line, string Language, string Text, string PreviousLine)
{
    public bool Fragment => PreviousLine == DocBlocks.FragmentMarker;
    public bool Invalid => PreviousLine == DocBlocks.InvalidMarker;

    public override string ToString() => $"{File}:{Line}";
}

/// <summary>One <c>supervisor …</c> invocation written in a shell block, as its words after <c>supervisor</c>.</summary>
public sealed record DocCommand(string File, int Line, IReadOnlyList<string> Words)
{
    public override string ToString() => $"{File}:{Line}: supervisor {string.Join(' ', Words)}";
}

/// <summary>
/// Issue 14 (docs that match): the fenced blocks of README.md and docs/**/*.md, so tests can hold every HOCON example
/// and every documented command line to what the code accepts, and drift fails CI instead of a new operator.
/// </summary>
public static class DocBlocks
{
    public const string FragmentMarker = "<!-- fragment -->", InvalidMarker = "<!-- invalid -->";
    private static readonly string[] ShellLanguages = ["sh", "console", "bash", "shell"];
    private static readonly Regex Fence = new(@"^```(?<lang>[\w-]*)\n(?<body>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline);

    /// <summary>README.md and every Markdown file under docs/, relative to <paramref name="repoRoot"/>.</summary>
    public static IReadOnlyList<string> Documents(string repoRoot) =>
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(repoRoot, "docs"), "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(repoRoot, f)).Order(StringComparer.Ordinal))
            .ToList();

    public static IEnumerable<DocBlock> All(string repoRoot)
    {
        foreach (var doc in Documents(repoRoot))
        {
            var text = File.ReadAllText(Path.Combine(repoRoot, doc)).Replace("\r\n", "\n");
            foreach (Match m in Fence.Matches(text))
            {
                var before = text[..m.Index].TrimEnd('\n');
                var previousLine = before[(before.LastIndexOf('\n') + 1)..].Trim();
                var line = before.Count(c => c == '\n') + 2;
                yield return new DocBlock(doc, line, m.Groups["lang"].Value, m.Groups["body"].Value, previousLine);
            }
        }
    }

    public static IEnumerable<DocBlock> Hocon(string repoRoot) => All(repoRoot).Where(b => b.Language == "hocon");

    /// <summary>Every <c>supervisor …</c> command in the shell blocks: comments dropped, <c>$ </c> prompts, <c>sudo</c> and
    /// <c>VAR=value</c> prefixes skipped, pipelines and <c>&amp;&amp;</c> chains split into their commands.</summary>
    public static IEnumerable<DocCommand> Commands(string repoRoot)
    {
        foreach (var block in All(repoRoot).Where(b => ShellLanguages.Contains(b.Language)))
        {
            var lines = block.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = StripComment(lines[i]).Trim();
                if (line.StartsWith("$ ", StringComparison.Ordinal)) line = line[2..];
                foreach (var part in Regex.Split(line, @"\|\||&&|\||;"))
                {
                    var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .SkipWhile(w => w == "sudo" || Regex.IsMatch(w, @"^[A-Z_][A-Z0-9_]*=")).ToList();
                    if (words.Count > 0 && words[0] == "supervisor")
                        yield return new DocCommand(block.File, block.Line + i, words.Skip(1).ToList());
                }
            }
        }
    }

    /// <summary>A shell comment starts at a <c>#</c> at the start of the line or after a space.</summary>
    private static string StripComment(string line)
    {
        var hash = Regex.Match(line, @"(^|\s)#");
        return hash.Success ? line[..hash.Index] : line;
    }
}
