namespace Supervisor.Domain.History;

/// <summary>The three resolutions the store keeps: every sample, 5-minute buckets and hourly buckets.</summary>
public enum HistoryTier { Raw, FiveMinute, Hourly }

/// <summary>How long each tier is kept (<c>supervisor.stats.retention</c>).</summary>
public sealed record HistoryRetention(TimeSpan Raw, TimeSpan FiveMinute, TimeSpan Hourly)
{
    public static HistoryRetention Default { get; } = new(TimeSpan.FromHours(48), TimeSpan.FromDays(90), TimeSpan.FromDays(5 * 365));

    public TimeSpan For(HistoryTier tier) => tier switch
    {
        HistoryTier.Raw => Raw,
        HistoryTier.FiveMinute => FiveMinute,
        _ => Hourly,
    };
}

/// <summary>Bucket arithmetic on unix milliseconds (UTC). Buckets are aligned to the epoch, so every node agrees on them.</summary>
public static class Buckets
{
    public const long FiveMinuteMs = 5 * 60 * 1000;
    public const long HourMs = 60 * 60 * 1000;

    /// <summary>The bucket width of an aggregate tier; raw has none (1 ms, so "a bucket" is one instant).</summary>
    public static long WidthMs(HistoryTier tier) => tier switch
    {
        HistoryTier.FiveMinute => FiveMinuteMs,
        HistoryTier.Hourly => HourMs,
        _ => 1,
    };

    /// <summary>The start of the bucket holding <paramref name="timeMs"/>: floor, also for times before 1970.</summary>
    public static long Start(long timeMs, long widthMs)
    {
        if (widthMs <= 0) throw new ArgumentOutOfRangeException(nameof(widthMs), widthMs, "bucket width must be positive");
        var r = timeMs % widthMs;
        return r >= 0 ? timeMs - r : timeMs - r - widthMs;
    }

    /// <summary>Starts of every bucket that overlaps [<paramref name="fromMs"/>, <paramref name="toMs"/>), in order.</summary>
    public static IEnumerable<long> Covering(long fromMs, long toMs, long widthMs)
    {
        for (var b = Start(fromMs, widthMs); b < toMs; b += widthMs) yield return b;
    }
}

/// <summary>Which tier answers a query for a window. Pure.</summary>
public static class TierChoice
{
    /// <summary>
    /// The finest tier that still holds data as old as <paramref name="from"/>: raw while <c>from</c> is within the raw
    /// retention, then 5-minute within its retention, else hourly. Then, when <paramref name="maxPoints"/> is given, the
    /// choice is coarsened while a coarser tier still has at least that many buckets in the window: the answer is
    /// downsampled to <paramref name="maxPoints"/> anyway, and reading 720 hourly rows beats reading 8 640 five-minute ones.
    /// </summary>
    public static HistoryTier For(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, HistoryRetention retention, int? maxPoints = null)
    {
        var age = now - from;
        var tier = age <= retention.Raw ? HistoryTier.Raw : age <= retention.FiveMinute ? HistoryTier.FiveMinute : HistoryTier.Hourly;
        if (maxPoints is not { } n || n <= 0) return tier;
        var windowMs = Math.Max(0, (to - from).TotalMilliseconds);
        while (tier != HistoryTier.Hourly && windowMs / Buckets.WidthMs(tier + 1) >= n) tier++;
        return tier;
    }
}

/// <summary>What the purge deletes: everything older than now − retention, per tier. Pure.</summary>
/// <param name="EventsBeforeMs">Events are few; they are kept as long as the hourly tier.</param>
public sealed record RetentionCutoffs(long RawBeforeMs, long FiveMinuteBeforeMs, long HourlyBeforeMs, long EventsBeforeMs)
{
    /// <summary>
    /// Raw samples with a time before now − raw retention go. An aggregate bucket goes only once all of it is older than
    /// its tier's retention (its start is before now − retention − width), so a query at the edge still finds a whole bucket.
    /// </summary>
    public static RetentionCutoffs For(DateTimeOffset now, HistoryRetention retention)
    {
        var n = now.ToUnixTimeMilliseconds();
        return new(
            n - (long)retention.Raw.TotalMilliseconds,
            n - (long)retention.FiveMinute.TotalMilliseconds - Buckets.FiveMinuteMs,
            n - (long)retention.Hourly.TotalMilliseconds - Buckets.HourMs,
            n - (long)retention.Hourly.TotalMilliseconds);
    }

    public long For(HistoryTier tier) => tier switch
    {
        HistoryTier.Raw => RawBeforeMs,
        HistoryTier.FiveMinute => FiveMinuteBeforeMs,
        _ => HourlyBeforeMs,
    };
}
