using System.Globalization;

namespace Supervisor.Node.Cli.History;

/// <summary>Times on the command line: a span back from now ("90s", "30m", "6h", "2d", "1w") or a timestamp ("2026-12-06T14:00", UTC unless it says otherwise).</summary>
public static class CliTime
{
    public static bool TryParseSpan(string text, out TimeSpan span)
    {
        span = default;
        text = text.Trim();
        if (text.Length < 2) return false;
        if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || !double.IsFinite(n)) return false;
        double? seconds = char.ToLowerInvariant(text[^1]) switch
        {
            's' => n,
            'm' => n * 60,
            'h' => n * 3600,
            'd' => n * 86400,
            'w' => n * 7 * 86400,
            _ => null,
        };
        if (seconds is not { } s || s > TimeSpan.FromDays(3650).TotalSeconds) return false;
        span = TimeSpan.FromSeconds(s);
        return true;
    }

    /// <summary>A span back from <paramref name="now"/> or a timestamp; null with <paramref name="error"/> naming the option and the accepted forms.</summary>
    public static DateTimeOffset? Parse(string option, string text, DateTimeOffset now, out string? error)
    {
        error = null;
        if (TryParseSpan(text, out var span)) return now - span;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at)) return at;
        error = $"{option} \"{text}\" is neither a span back from now (90s, 30m, 6h, 2d, 1w) nor a time (2026-12-06T14:00, UTC unless an offset is given)";
        return null;
    }
}
