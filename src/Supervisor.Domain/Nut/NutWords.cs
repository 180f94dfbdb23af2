using System.Text;

namespace Supervisor.Domain.Nut;

/// <summary>One word of a NUT protocol line: its text (quotes and escapes removed) and whether it was double-quoted.</summary>
public readonly record struct NutWord(string Text, bool Quoted);

/// <summary>
/// The NUT network protocol's word rules, in one place for both directions: the client driver reads upsd's replies with
/// them, and the NUT server facade reads its clients' requests and quotes its replies with them.
/// </summary>
public static class NutWords
{
    /// <summary>
    /// Splits on spaces/tabs; a double-quoted word may hold spaces, <c>\"</c> and <c>\\</c>. As in NUT's own parser
    /// (common/parseconf.c), a backslash makes any next character literal. Returns an error (for a message), or null.
    /// Never throws: the line comes off the network.
    /// </summary>
    public static string? Split(string line, List<NutWord> words)
    {
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] is ' ' or '\t') { i++; continue; }
            var sb = new StringBuilder();
            if (line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return "unterminated quoted value";
                    var c = line[i];
                    if (c == '\\')
                    {
                        if (i + 1 >= line.Length) return "backslash at end of line";
                        sb.Append(line[i + 1]);
                        i += 2;
                    }
                    else if (c == '"') { i++; break; }
                    else { sb.Append(c); i++; }
                }
                if (i < line.Length && line[i] is not (' ' or '\t')) return "text right after a closing quote";
                words.Add(new NutWord(sb.ToString(), Quoted: true));
            }
            else
            {
                while (i < line.Length && line[i] is not (' ' or '\t'))
                {
                    if (line[i] is '"' or '\\') return "stray quote or backslash outside a quoted value";
                    sb.Append(line[i++]);
                }
                words.Add(new NutWord(sb.ToString(), Quoted: false));
            }
        }
        return null;
    }

    /// <summary>
    /// A value the way upsd's parser reads it back: bare when it is a plain word, otherwise in double quotes with
    /// <c>\</c> and <c>"</c> escaped. Line breaks must be kept out by the caller (they would end the line).
    /// </summary>
    public static string Arg(string value) =>
        value.Length > 0 && value.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' or '@' or ':')
            ? value
            : Quoted(value);

    /// <summary>Always in double quotes, <c>\</c> and <c>"</c> escaped: how upsd writes a VAR value or a description.</summary>
    public static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
