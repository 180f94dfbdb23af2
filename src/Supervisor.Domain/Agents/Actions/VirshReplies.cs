using System.Text.RegularExpressions;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>What one virsh command answered: its output lines (prompts and echoed commands removed) and its error text.</summary>
public sealed record VirshReply(IReadOnlyList<string> Lines, string Error)
{
    /// <summary>virsh wrote nothing to stderr: the command worked.</summary>
    public bool Ok => Error.Length == 0;

    public static VirshReply Failed(string error) => new([], error);
}

/// <summary>
/// Reading an interactive <c>virsh</c> session (commands on stdin, one connection for the whole shutdown). After each
/// command the session sends <see cref="EndCommands"/>: virsh echoes the end marker on stdout and on stderr, so the
/// text before each marker is that command's reply. The marker is written quoted in halves (<c>"@@sv""end-7"</c>),
/// so virsh's echo of the command line itself never contains it; only the echo command's output does.
/// </summary>
public static partial class VirshReplies
{
    public static string Marker(int n) => $"@@svend-{n}";

    /// <summary>The two lines sent after command <paramref name="n"/>.</summary>
    public static string EndCommands(int n) => $"echo \"@@sv\"\"end-{n}\"\necho --err \"@@sv\"\"end-{n}\"\n";

    /// <summary>Where the stdout reply of command <paramref name="n"/> ends in <paramref name="stdout"/>, or -1 while it has not.</summary>
    public static int StdoutEnd(string stdout, int from, int n) => stdout.IndexOf(Marker(n), from, StringComparison.Ordinal);

    /// <summary>Where the stderr reply of command <paramref name="n"/> ends (virsh writes <c>error: @@svend-n</c>), or -1.</summary>
    public static int StderrEnd(string stderr, int from, int n) => stderr.IndexOf("error: " + Marker(n), from, StringComparison.Ordinal);

    /// <summary>The reply to <paramref name="command"/> from the text virsh wrote before its end markers.</summary>
    public static VirshReply Reply(string command, string stdoutChunk, string stderrChunk)
    {
        var lines = new List<string>();
        foreach (var raw in stdoutChunk.Split('\n'))
        {
            var line = Prompt().Replace(raw.TrimEnd('\r'), "");
            // With a prompt, virsh echoes what it read: the command itself and the previous command's end markers.
            if (line != raw && (line.Trim() == command.Trim() || line.StartsWith("echo ", StringComparison.Ordinal) || line.Length == 0)) continue;
            lines.Add(line);
        }
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        return new VirshReply(lines, OneLine(stderrChunk));
    }

    /// <summary>virsh's error lines joined into one ("error: failed to connect to the hypervisor; error: …").</summary>
    public static string OneLine(string text) =>
        string.Join("; ", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    /// <summary>Domain names, one a line, as <c>list --name</c> prints them.</summary>
    public static IReadOnlyList<string> Names(VirshReply reply) =>
        reply.Lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>
    /// A name as one virsh argument: in single quotes, a quote inside written '\'' as a shell would (virsh parses its
    /// command line the same way), so a name with spaces or quotes reaches libvirt unchanged.
    /// </summary>
    public static string Quote(string name) => "'" + name.Replace("'", "'\\''") + "'";

    /// <summary>virsh's own words for a name it cannot find (any lookup failure; see <see cref="DomainShutdownRules.Observe"/>).</summary>
    public static bool IsUnknownDomain(VirshReply reply) => reply.Error.Contains("failed to get domain", StringComparison.Ordinal);

    [GeneratedRegex(@"^(virsh [#>] ?)+")]
    private static partial Regex Prompt();
}
