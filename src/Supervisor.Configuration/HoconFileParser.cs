using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Text;

namespace Supervisor.Configuration;

/// <summary>
/// Parses one HOCON file, and the files it includes, with Akka's parser — but only text that parser survives
/// (<see cref="HoconPreflight"/> first, <see cref="HoconCycleCheck"/> after). Every problem becomes one
/// <see cref="ConfigError"/>: <c>file:line:column</c> for the text, the HOCON path for a substitution cycle.
/// <c>include "other.conf"</c> is looked up next to the file that says it (Akka's parser alone cannot include files).
/// </summary>
internal static partial class HoconFileParser
{
    /// <summary>Includes nested deeper than this are refused (a longer chain is almost surely a loop through several files).</summary>
    public const int MaxIncludeDepth = 8;

    private sealed class ProblemException(ConfigError error) : Exception(error.Message)
    {
        public ConfigError Error { get; } = error;
    }

    public static SupervisorConfigLoader.ParsedFile Parse(string path)
    {
        string full;
        string text;
        try
        {
            full = Path.GetFullPath(path);
            if (!File.Exists(full))
                return new(null, new ConfigError(path, $"config file not found ({full}); check the path or create the file (see config/examples/)"), null);
            text = File.ReadAllText(full);
        }
        catch (Exception e)
        {
            return new(null, new ConfigError(path, $"cannot read the config file ({e.Message}); check the path and its permissions"), null);
        }

        var entries = new List<EntryLocation>();
        try
        {
            var root = ParseText(text, path, full, [], [full], entries);
            if (HoconCycleCheck.Check(root.Value) is { } cycle) return new(null, cycle, null);
            return new(new Config(root), null, Path.GetDirectoryName(full)) { Entries = entries };
        }
        catch (ProblemException p)
        {
            return new(null, p.Error, null);
        }
    }

    /// <param name="shown">The file as messages name it (as the user wrote it).</param>
    /// <param name="chain">The files being read, outermost first, to refuse a file that includes itself.</param>
    private static HoconRoot ParseText(string text, string shown, string full, IReadOnlyList<string> prefix, IReadOnlyList<string> chain, List<EntryLocation> entries)
    {
        var preflight = HoconPreflight.Check(text, prefix);
        if (preflight.Problem is { } problem)
        {
            var (line, column) = LineColumn(text, problem.Offset);
            throw new ProblemException(new ConfigError($"{shown}:{line}:{column}", $"HOCON syntax error at line {line}, column {column}: {problem.Message}"));
        }
        foreach (var e in preflight.Entries)
            entries.Add(new EntryLocation(e.Map, e.Id, shown, LineColumn(text, e.Offset).Line));

        var next = 0;
        HoconRoot Include(string name)
        {
            var site = next < preflight.Includes.Count ? preflight.Includes[next] : new HoconPreflight.IncludeSite([], 0);
            next++;
            return IncludeFile(name, site, text, shown, full, chain, entries);
        }

        try
        {
            return Parser.Parse(text, Include);
        }
        catch (ProblemException)
        {
            throw;
        }
        catch (Exception e)
        {
            var (where, message) = DescribeParseError(text, e);
            throw new ProblemException(new ConfigError(shown + where, message));
        }
    }

    private static HoconRoot IncludeFile(string name, HoconPreflight.IncludeSite site, string text, string shown, string full,
        IReadOnlyList<string> chain, List<EntryLocation> entries)
    {
        var (line, column) = LineColumn(text, site.Offset);
        var at = $"{shown}:{line}:{column}";
        var directory = Path.GetDirectoryName(full)!;
        string target;
        try { target = Path.GetFullPath(Path.Combine(directory, name)); }
        catch (Exception e) { throw new ProblemException(new ConfigError(at, $"include \"{name}\" is not a usable file name ({e.Message})")); }
        if (chain.Contains(target))
            throw new ProblemException(new ConfigError(at, $"include \"{name}\" includes a file that is already being read ({string.Join(" → ", chain.Append(target).Select(Path.GetFileName))}); remove the loop"));
        if (chain.Count > MaxIncludeDepth)
            throw new ProblemException(new ConfigError(at, $"include \"{name}\": includes nest more than {MaxIncludeDepth} files deep; flatten them"));
        if (!File.Exists(target))
            throw new ProblemException(new ConfigError(at,
                $"include \"{name}\": file not found ({target}); an include is looked up next to the file that includes it — check the name or remove the include"));
        string included;
        try { included = File.ReadAllText(target); }
        catch (Exception e) { throw new ProblemException(new ConfigError(at, $"include \"{name}\": cannot read it ({e.Message}); check its permissions")); }
        var includedShown = Path.Combine(Path.GetDirectoryName(shown) ?? "", name);
        return ParseText(included, includedShown, target, site.Path, chain.Append(target).ToArray(), entries);
    }

    public static (int Line, int Column) LineColumn(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1 + text.AsSpan(0, offset).Count('\n');
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        return (line, offset - lineStart + 1);
    }

    [GeneratedRegex(@"\s*at position (\d+)\s*:?")]
    private static partial Regex PositionPattern();

    /// <summary>Akka's parser reports "Unknown token at position 123: &lt;line&gt; ^"; turn the offset into line and column.</summary>
    private static (string Where, string Message) DescribeParseError(string text, Exception e)
    {
        var first = ForeignText.Escape(e.Message.Split('\n')[0].Trim().TrimEnd(':'));
        if (e is NullReferenceException or InvalidCastException or ArgumentException or IndexOutOfRangeException)
            first = $"Akka's HOCON parser failed on this file ({e.GetType().Name}); check brackets, quotes and includes";
        var match = PositionPattern().Match(first);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out var offset) || offset < 0 || offset > text.Length)
            return ("", $"HOCON syntax error: {first}");

        var (line, column) = LineColumn(text, offset);
        var lineStart = offset - column + 1;
        var lineEnd = text.IndexOf('\n', offset);
        var lineText = ForeignText.Escape(text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)].Trim());
        var what = first.Remove(match.Index, match.Length).Trim();
        var hint = offset < text.Length && text[offset] == ',' && text[..offset].TrimEnd().EndsWith('}')
            ? "; Akka's HOCON parser does not accept a comma after a nested object's closing brace: put the next key on a new line"
            : "";
        return ($":{line}:{column}", $"HOCON syntax error at line {line}, column {column}: {what} in `{lineText}`{hint}");
    }
}

/// <summary>Where an id under <c>supervisor.devices</c> or <c>supervisor.groups</c> is written: file and line.</summary>
public sealed record EntryLocation(string Map, string Id, string File, int Line);
