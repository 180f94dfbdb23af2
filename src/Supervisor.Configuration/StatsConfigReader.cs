using System.Globalization;
using System.Text.RegularExpressions;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.History;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.stats { enabled, retention { raw, five-minute, hourly }, queue-size, flush-interval, batch-size }</c>.
/// Range rules are <see cref="StatsSettings.Validate"/>'s; this only turns text into values and reports what it cannot read.
/// </summary>
internal static partial class StatsConfigReader
{
    private static readonly string[] Keys = ["enabled", "retention", "queue-size", "flush-interval", "batch-size"];
    private static readonly string[] RetentionKeys = ["raw", "five-minute", "hourly"];

    public static StatsSettings Read(HoconSection root)
    {
        var s = root.DefaultedChild("stats");
        var enabled = s.Bool("enabled");
        var retention = ReadRetention(s.DefaultedChild("retention"));
        var queue = s.Int("queue-size");
        var flush = s.Duration("flush-interval");
        var batch = s.Int("batch-size");
        s.WarnUnknownKeys(Keys);
        return new StatsSettings(enabled, retention, queue, flush, batch);
    }

    private static HistoryRetention ReadRetention(HoconSection r)
    {
        var result = new HistoryRetention(LongDuration(r, "raw"), LongDuration(r, "five-minute"), LongDuration(r, "hourly"));
        r.WarnUnknownKeys(RetentionKeys);
        return result;
    }

    [GeneratedRegex(@"^(\d+)\s*(y|year|years)$", RegexOptions.IgnoreCase)]
    private static partial Regex Years();

    /// <summary>
    /// A duration that may also be written in years (<c>5y</c>), which Akka's HOCON does not know; a year is 365 days.
    /// Everything else (<c>48h</c>, <c>90d</c>) goes through the usual duration reader and its error messages. An
    /// unreadable value goes on with reference.conf's (itself in years, so not for <see cref="HoconSection.Duration"/>).
    /// </summary>
    private static TimeSpan LongDuration(HoconSection s, string key) =>
        ReadLongDuration(s, key) ?? ReadLongDuration(s.ReferenceTwin(), key) ?? throw new MissingDefaultException(s.KeyPath(key), [s.Path]);

    private static TimeSpan? ReadLongDuration(HoconSection s, string key)
    {
        var text = s.Has(key) ? s.OptionalString(key) : null;
        if (text is not null && Years().Match(text) is { Success: true } m
            && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= 1000)
            return TimeSpan.FromDays(365.0 * years);
        return s.OptionalDuration(key);
    }
}
