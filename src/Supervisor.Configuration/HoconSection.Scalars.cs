using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Configuration.Hocon;

namespace Supervisor.Configuration;

internal sealed partial class HoconSection
{
    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?$")]
    private static partial Regex BareNumber();

    /// <summary>The trimmed text of a scalar and its path; null text when missing or empty (non-scalars are reported).</summary>
    private (string? Text, string Path) Scalar(string key)
    {
        var v = Find(key, out var path);
        if (v is null) return (null, path);
        if (!v.IsString())
        {
            Diag.Error(path, $"must be a single value, not {Describe(v)}");
            return (null, path);
        }
        var text = v.GetString()?.Trim();
        return (string.IsNullOrEmpty(text) ? null : text, path);
    }

    private TimeSpan? ReadDuration(string key, string[] unsetWords)
    {
        var (text, path) = Scalar(key);
        if (text is null) return null;
        if (unsetWords.Contains(text.ToLowerInvariant())) return null;
        if (BareNumber().IsMatch(text))
        {
            Diag.Error(path, $"\"{text}\" has no unit; write e.g. {text}s or {text}ms");
            return null;
        }
        try
        {
            // allowInfinite: false, so "infinite" is an error instead of -1 ms.
            var value = Find(key, out _)!.GetTimeSpan(false);
            if (value > MaxDuration) return TooLong(text, path);
            if (value >= TimeSpan.Zero) return value;
        }
        catch (OverflowException)
        {
            return TooLong(text, path); // beyond TimeSpan itself (about 29 000 years)
        }
        catch (Exception)
        {
            // Akka throws FormatException (and others) for anything it cannot read; reported below.
        }
        var off = unsetWords.Length == 0 ? "" : $" (or {unsetWords[0]})";
        Diag.Error(path, $"\"{text}\" is not a duration; write e.g. 2s or 500ms{off}");
        return null;
    }

    /// <summary>
    /// No Supervisor duration needs more than ten years, and longer ones overflow later arithmetic (5 × poll-interval,
    /// now + a step timeout) deep inside the node instead of here, with the key named.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    private TimeSpan? TooLong(string text, string path)
    {
        Diag.Error(path, $"\"{text}\" is too long; a duration may be at most 3650d (ten years), e.g. 2s, 5m or 1h");
        return null;
    }

    private double? ReadNumber(string key, bool allowOff)
    {
        var (text, path) = Scalar(key);
        if (text is null) return null;
        if (allowOff && OffWords.Contains(text.ToLowerInvariant())) return null;
        var digits = text.EndsWith('%') ? text[..^1].TrimEnd() : text;
        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
        Diag.Error(path, $"\"{text}\" is not a number; write e.g. {key} = 20{(allowOff ? " (or off)" : "")}");
        return null;
    }

    /// <summary>
    /// False, after reporting it at <paramref name="path"/>, for a file name no file can have (a NUL or another control
    /// character): .NET's path functions throw for it instead of answering "not found".
    /// </summary>
    public bool UsableFileName(string value, string path)
    {
        if (!value.Any(char.IsControl)) return true;
        Diag.Error(path, $"\"{Supervisor.Domain.Text.ForeignText.Escape(value)}\" contains a control character, which no file name can hold; fix the path");
        return false;
    }

    /// <summary>Levenshtein distance, for "did you mean" hints on unknown keys.</summary>
    private static int Distance(string a, string b)
    {
        var prev = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var cur = new int[b.Length + 1];
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            prev = cur;
        }
        return prev[b.Length];
    }
}
