using System.Globalization;
using System.Text;

namespace Supervisor.Domain.Text;

/// <summary>
/// Makes text that came from outside (device replies, config values, command output, exception messages quoting
/// them) safe to print on one log or table line. A hostile or broken device must not be able to start a forged log
/// line (CR, LF, U+2028), recolour or rewrite the operator's terminal (ESC, CSI and other C0/C1 controls) or reorder
/// what is shown (bidirectional overrides). Each such character is shown as an escape instead, <c>\n</c>,
/// <c>\x1b</c>, <c>\u202e</c>, so it is still visible; everything else, including non-ASCII letters, stays as is.
/// </summary>
public static class ForeignText
{
    /// <summary><paramref name="text"/> with every control, line-separator and bidi-control character escaped.</summary>
    public static string Escape(string text)
    {
        var first = IndexOfUnsafe(text);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c)) sb.Append(c);
            else sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                <= '\u00ff' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return sb.ToString();
    }

    /// <summary>For values that may be absent.</summary>
    public static string? EscapeOrNull(string? text) => text is null ? null : Escape(text);

    /// <summary>True when <see cref="Escape"/> would change <paramref name="text"/>.</summary>
    public static bool NeedsEscaping(string text) => IndexOfUnsafe(text) >= 0;

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsUnsafe(text[i])) return i;
        return -1;
    }

    /// <summary>C0 and C1 controls and DEL, line and paragraph separators, and the bidi marks, embeddings, overrides and isolates.</summary>
    public static bool IsUnsafe(char c) =>
        c < ' ' || c is >= '\u007f' and <= '\u009f'
                || c is '\u2028' or '\u2029' or '\u061c' or '\u200e' or '\u200f'
                || c is >= '\u202a' and <= '\u202e'
                || c is >= '\u2066' and <= '\u2069';
}
