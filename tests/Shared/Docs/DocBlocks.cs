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

    /// <summary>README.md and every Markdown file under docs/, relative to <paramref name="repoRoot"/>.</summary>
    public static IReadOnlyList<string> Documents(string repoRoot) =>
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(repoRoot, "docs"), "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(repoRoot, f)).Order(StringComparer.Ordinal))
            .ToList();

    public static IEnumerable<DocBlock> All(string repoRoot) => Documents(repoRoot).SelectMany(doc => Read(repoRoot, doc).Blocks);

    /// <summary>Fences that do not pair up: one left open at the end of a file, or a fence with a language tag (an
    /// opening one) where a block is still open — the block above it swallows the prose and the next example.</summary>
    public static IEnumerable<string> BrokenFences(string repoRoot) => Documents(repoRoot).SelectMany(doc => Read(repoRoot, doc).Broken);

    private static (List<DocBlock> Blocks, List<string> Broken) Read(string repoRoot, string doc)
    {
        var lines = File.ReadAllText(Path.Combine(repoRoot, doc)).Replace("\r\n", "\n").Split('\n');
        var blocks = new List<DocBlock>();
        var broken = new List<string>();
        (int Line, string Language, string Previous)? open = null;
        var body = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!line.StartsWith("```", StringComparison.Ordinal)) { if (open is not null) body.Add(line); continue; }
            var language = line[3..].Trim();
            if (open is { } o && language.Length == 0)
            {
                blocks.Add(new DocBlock(doc, o.Line, o.Language, string.Join('\n', body) + "\n", o.Previous));
                open = null;
                continue;
            }
            if (open is { } still) broken.Add($"{doc}:{i + 1}: ```{language} opens while the block from line {still.Line - 1} is still open");
            var previous = lines.Take(i).LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
            open = (i + 2, language, previous);
            body.Clear();
        }
        if (open is { } left) broken.Add($"{doc}:{left.Line - 1}: the block opened here is never closed");
        return (blocks, broken);
    }

    public static IEnumerable<DocBlock> Hocon(string repoRoot) => All(repoRoot).Where(b => b.Language == "hocon");

    /// <summary>Every <c>supervisor …</c> command in the shell blocks and on the <c>$ </c> prompt lines of transcripts: comments dropped, <c>$ </c> prompts, <c>sudo</c> and
    /// <c>VAR=value</c> prefixes skipped, pipelines and <c>&amp;&amp;</c> chains split into their commands.</summary>
    public static IEnumerable<DocCommand> Commands(string repoRoot)
    {
        foreach (var block in All(repoRoot).Where(b => ShellLanguages.Contains(b.Language) || b.Language is "" or "text"))
        {
            var lines = block.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = StripComment(lines[i]).Trim();
                if (line.StartsWith("$ ", StringComparison.Ordinal)) line = line[2..];
                else if (!ShellLanguages.Contains(block.Language)) continue; // a transcript: only its prompt lines are commands
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
