using System.Globalization;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// Query values read as the CLI reads its options (times through <see cref="CliTime"/>), so <c>?since=6h</c> means what
/// <c>--since 6h</c> means. A bad value is a 400 whose problem body names the parameter and the accepted forms.
/// </summary>
internal static class ApiQuery
{
    public static DateTimeOffset? Time(string name, string? text, DateTimeOffset now, out IResult? error)
    {
        error = null;
        if (text is null) return null;
        var at = CliTime.Parse(name, text, now, out var message);
        if (at is null) error = Problems.BadParameter(name, message!);
        return at;
    }

    public static int Count(string name, string? text, int fallback, int max, out IResult? error)
    {
        error = null;
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max) return n;
        error = Problems.BadParameter(name, $"{name} \"{text}\" must be a whole number from 1 to {max}");
        return fallback;
    }
}
