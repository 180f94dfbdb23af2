using System.Globalization;
using System.Text;

namespace Supervisor.Drivers.Apcupsd;

/// <summary>The <c>KEY : value</c> pairs of one status reply, plus the records that could not be read.</summary>
/// <param name="Values">By key (trimmed, case as sent). A repeated key keeps the last value.</param>
/// <param name="Warnings">One per unreadable record (at most a few, then a count).</param>
/// <param name="FirstRecord">The first record as sent, for messages about replies that are not a status.</param>
public sealed record ApcupsdStatus(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Warnings, string? FirstRecord);

/// <summary>A measurement such as <c>20.0 Minutes</c>: the number and the unit word after it (null when none).</summary>
public readonly record struct ApcupsdNumber(double Value, string? Unit);

/// <summary>
/// Pure parsing of apcupsd status records. Nothing here throws on bad input: a malformed record becomes a warning
/// or a failed <see cref="ParseResult{T}"/> whose message quotes it.
/// </summary>
public static class ApcupsdStatusParser
{
    private const int ShownLength = 120;
    private const int MaxRecordWarnings = 5;

    /// <summary>
    /// Splits <c>KEY      : value</c> at the first colon. Keys are padded to 9 columns, and the long ones
    /// (<c>STARTTIME:</c>, <c>CUMONBATT:</c>) have no space before the colon, so both sides are trimmed.
    /// Values may hold colons themselves (<c>DATE     : 2026-11-23 17:38:20 +0000</c>).
    /// </summary>
    public static ParseResult<KeyValuePair<string, string>> ParseRecord(string? record)
    {
        if (record is null) return Fail("no record (null)");
        var colon = record.IndexOf(':');
        if (colon < 0) return Fail($"record {Show(record)} has no \"KEY : value\" colon");
        var key = record[..colon].Trim();
        if (key.Length == 0) return Fail($"record {Show(record)} has no key before the colon");
        if (key.Any(c => char.IsControl(c) || c == '\uFFFD')) return Fail($"record {Show(record)} has control or invalid characters in its key");
        return ParseResult<KeyValuePair<string, string>>.Ok(new(key, record[(colon + 1)..].Trim()));
    }

    /// <summary>
    /// Collects every readable record of a status reply. Unreadable ones are skipped with a warning rather
    /// than failing the reply: a fork's odd extra line must not hide STATUS, which shutdown decisions hang on.
    /// </summary>
    public static ApcupsdStatus ParseStatus(IEnumerable<string?> records)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var skipped = 0;
        string? first = null;
        var any = false;
        foreach (var record in records)
        {
            if (!any) first = record;
            any = true;
            var parsed = ParseRecord(record);
            if (parsed.IsSuccess) values[parsed.Value.Key] = parsed.Value.Value;
            else if (++skipped <= MaxRecordWarnings) warnings.Add($"skipped an unreadable status line: {parsed.Error}");
        }
        if (skipped > MaxRecordWarnings) warnings.Add($"skipped {skipped - MaxRecordWarnings} more unreadable status lines");
        return new ApcupsdStatus(values, warnings, first);
    }

    /// <summary>
    /// STATUS words (<c>ONLINE</c>, <c>ONBATT LOWBATT</c>, <c>COMMLOST</c>, …). <c>SHUTTING DOWN</c> is two words
    /// but one flag, and comes back as such. Unknown words are kept: they must not hide a known one next to them.
    /// </summary>
    public static IReadOnlySet<string> ParseFlags(string? status)
    {
        var words = (status ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] == "SHUTTING" && i + 1 < words.Length && words[i + 1] == "DOWN")
            {
                flags.Add("SHUTTING DOWN");
                i++;
            }
            else flags.Add(words[i]);
        }
        return flags;
    }

    /// <summary>
    /// Reads <c>100.0 Percent</c>, <c>20.0 Minutes</c>, <c>865 Watts</c> or a bare number with the invariant
    /// culture (apcupsd prints C-locale numbers whatever the host's locale). Negative or non-finite numbers fail:
    /// none of these quantities can be below zero.
    /// </summary>
    public static ParseResult<ApcupsdNumber> ParseNumber(string? value)
    {
        var words = (value ?? "").Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return ParseResult<ApcupsdNumber>.Fail("is empty");
        if (!double.TryParse(words[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return ParseResult<ApcupsdNumber>.Fail($"is not a number: {Show(value!)}");
        if (number < 0) return ParseResult<ApcupsdNumber>.Fail($"is negative: {Show(value!)}");
        return ParseResult<ApcupsdNumber>.Ok(new ApcupsdNumber(number, words.Length > 1 ? words[1] : null));
    }

    /// <summary>STATFLAG (<c>0x05000008</c>): apcupsd's status bits in hex; null when absent or not hex.</summary>
    public static uint? ParseStatFlag(string? value)
    {
        var text = (value ?? "").Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        return text.Length is > 0 and <= 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            ? bits : null;
    }

    /// <summary>Quotes text for a message: shortened, control characters made visible.</summary>
    public static string Show(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text.Length > ShownLength ? text[..ShownLength] : text)
            sb.Append(char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString());
        sb.Append('"');
        if (text.Length > ShownLength) sb.Append($"… ({text.Length} chars)");
        return sb.ToString();
    }

    private static ParseResult<KeyValuePair<string, string>> Fail(string error) =>
        ParseResult<KeyValuePair<string, string>>.Fail(error);
}
