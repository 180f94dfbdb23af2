using System.Collections.Frozen;
using System.Text;
using Supervisor.Domain.Nut;

namespace Supervisor.Drivers.Nut;

/// <summary>
/// Pure parsing of upsd reply lines. Input comes off the network, so nothing here throws on bad input:
/// every malformed line becomes a failed <see cref="ParseResult{T}"/> whose message quotes the line.
/// </summary>
public static class NutReplyParser
{
    /// <summary>Longest line shown back in an error; replies can be arbitrarily long garbage.</summary>
    private const int ShownLineLength = 120;

    /// <summary>Status tokens documented by NUT (docs/new-names.txt). Others are tolerated, not rejected.</summary>
    public static readonly FrozenSet<string> KnownStatusTokens = new[]
    {
        "OL", "OB", "LB", "HB", "RB", "CHRG", "DISCHRG", "BYPASS", "CAL", "OFF", "OVER", "TRIM", "BOOST",
        "FSD", "ALARM", "WAIT",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Parses one reply line (without its trailing <c>\n</c>; a trailing <c>\r</c> is ignored).</summary>
    public static ParseResult<NutReply> ParseLine(string? line)
    {
        if (line is null) return ParseResult<NutReply>.Fail("no reply line from upsd (null)");
        if (line.EndsWith('\r')) line = line[..^1];
        if (line.Length == 0) return ParseResult<NutReply>.Fail("empty reply line from upsd");
        if (line.Contains('\n')) return Malformed(line, "contains a line break inside one line");

        var tokens = new List<NutWord>();
        var tokenError = NutWords.Split(line, tokens);
        if (tokenError is not null) return Malformed(line, tokenError);
        if (tokens.Count == 0) return Malformed(line, "only whitespace");

        return tokens[0] switch
        {
            { Quoted: false, Text: "VAR" } => ParseVar(line, tokens),
            { Quoted: false, Text: "UPS" } => ParseUps(line, tokens),
            { Quoted: false, Text: "BEGIN" } => ParseListMarker(line, tokens, begin: true),
            { Quoted: false, Text: "END" } => ParseListMarker(line, tokens, begin: false),
            { Quoted: false, Text: "ERR" } => tokens.Count >= 2 && !tokens[1].Quoted && tokens[1].Text.Length > 0
                ? ParseResult<NutReply>.Ok(new NutReply.Error(tokens[1].Text, JoinRest(tokens, 2)))
                : Malformed(line, "ERR without an error code"),
            { Quoted: false, Text: "OK" } => ParseResult<NutReply>.Ok(new NutReply.Ok(JoinRest(tokens, 1))),
            _ => Malformed(line, "not a reply this client understands (expected VAR, UPS, BEGIN/END LIST VAR or UPS, ERR or OK)"),
        };
    }

    /// <summary>
    /// Splits <c>ups.status</c> ("OB LB", "FSD OL CHRG") into its tokens. Unknown tokens are kept: vendors add
    /// their own, and an unknown word must not hide a known one next to it. Empty input gives an empty set.
    /// </summary>
    public static IReadOnlySet<string> ParseStatus(string? upsStatus) =>
        (upsStatus ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Parses a complete <c>LIST VAR</c> reply (all lines, <c>BEGIN</c> to <c>END</c>) into a variable map.</summary>
    public static ParseResult<IReadOnlyDictionary<string, string>> ParseListVar(string ups, IEnumerable<string?> lines)
    {
        var collector = new NutListVarCollector(ups);
        foreach (var line in lines)
        {
            var step = collector.Feed(line);
            if (!step.IsSuccess) return ParseResult<IReadOnlyDictionary<string, string>>.Fail(step.Error);
            if (step.Value is NutReply.Error err)
                return ParseResult<IReadOnlyDictionary<string, string>>.Fail($"upsd replied ERR {err.Code}");
            if (collector.IsComplete) return ParseResult<IReadOnlyDictionary<string, string>>.Ok(collector.Vars);
        }
        return ParseResult<IReadOnlyDictionary<string, string>>.Fail(
            $"LIST VAR {ups} reply ended before END LIST VAR (got {collector.Vars.Count} variables)");
    }

    /// <summary>Quotes a line for an error message: shortened, control characters made visible.</summary>
    public static string Show(string line)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in line.Length > ShownLineLength ? line[..ShownLineLength] : line)
            sb.Append(char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString());
        sb.Append('"');
        if (line.Length > ShownLineLength) sb.Append($"… ({line.Length} chars)");
        return sb.ToString();
    }

    private static ParseResult<NutReply> ParseVar(string line, List<NutWord> t)
    {
        if (t.Count != 4) return Malformed(line, $"VAR needs 3 fields (ups, name, \"value\"), got {t.Count - 1}");
        if (t[1].Quoted || t[2].Quoted) return Malformed(line, "UPS and variable names must not be quoted");
        if (!t[3].Quoted) return Malformed(line, "VAR value must be in double quotes");
        return ParseResult<NutReply>.Ok(new NutReply.Var(t[1].Text, t[2].Text, t[3].Text));
    }

    private static ParseResult<NutReply> ParseUps(string line, List<NutWord> t)
    {
        if (t.Count != 3) return Malformed(line, $"UPS needs 2 fields (name, \"description\"), got {t.Count - 1}");
        if (t[1].Quoted || !t[2].Quoted) return Malformed(line, "UPS name must be bare and its description in double quotes");
        return ParseResult<NutReply>.Ok(new NutReply.UpsEntry(t[1].Text, t[2].Text));
    }

    private static ParseResult<NutReply> ParseListMarker(string line, List<NutWord> t, bool begin)
    {
        if (t.Count == 3 && !t.Any(x => x.Quoted) && t[1].Text == "LIST" && t[2].Text == "UPS")
            return ParseResult<NutReply>.Ok(begin ? new NutReply.BeginListUps() : new NutReply.EndListUps());
        if (t.Count != 4 || t.Any(x => x.Quoted) || t[1].Text != "LIST" || t[2].Text != "VAR")
            return Malformed(line, $"expected \"{(begin ? "BEGIN" : "END")} LIST VAR <ups>\" or \"{(begin ? "BEGIN" : "END")} LIST UPS\"");
        return ParseResult<NutReply>.Ok(begin ? new NutReply.BeginListVar(t[3].Text) : new NutReply.EndListVar(t[3].Text));
    }

    private static string? JoinRest(List<NutWord> t, int from) =>
        t.Count > from ? string.Join(' ', t.Skip(from).Select(x => x.Text)) : null;

    private static ParseResult<NutReply> Malformed(string line, string reason) =>
        ParseResult<NutReply>.Fail($"malformed upsd reply {Show(line)}: {reason}");
}
