using Supervisor.Domain.History;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// The <c>supervisor.stats</c> section: the history store of readings and events.
/// </summary>
/// <param name="Enabled">Off: nothing is written (and the writer does not start).</param>
/// <param name="Retention">How long raw samples, 5-minute and hourly aggregates are kept.</param>
/// <param name="QueueSize">Facts the writer buffers while the database is slow or failing; beyond it the oldest samples are dropped.</param>
/// <param name="FlushInterval">How often the buffer is written when it holds less than a batch.</param>
/// <param name="BatchSize">Facts per write transaction at most; a full batch is written at once.</param>
public sealed record StatsSettings(bool Enabled, HistoryRetention Retention, int QueueSize, TimeSpan FlushInterval, int BatchSize)
{
    public const string Path = ConfigPath.Root + ".stats";

    public static StatsSettings Default { get; } = new(true, HistoryRetention.Default, 20_000, TimeSpan.FromMilliseconds(250), 1_000);

    /// <summary>Every range rule, each with its HOCON path and the fix. Checked even when disabled, so a typo shows before it is switched on.</summary>
    public IReadOnlyList<ConfigError> Validate()
    {
        var errors = new List<ConfigError>();
        Positive(errors, "retention.raw", Retention.Raw, "48h");
        Positive(errors, "retention.five-minute", Retention.FiveMinute, "90d");
        Positive(errors, "retention.hourly", Retention.Hourly, "5y");
        Positive(errors, "flush-interval", FlushInterval, "1s");
        if (Retention.Raw > TimeSpan.Zero && Retention.FiveMinute > TimeSpan.Zero && Retention.Raw > Retention.FiveMinute)
            errors.Add(new($"{Path}.retention.raw", $"{Days(Retention.Raw)} is longer than retention.five-minute ({Days(Retention.FiveMinute)}); " +
                                                    "a coarser tier must be kept at least as long as a finer one: raise five-minute or lower raw"));
        if (Retention.FiveMinute > TimeSpan.Zero && Retention.Hourly > TimeSpan.Zero && Retention.FiveMinute > Retention.Hourly)
            errors.Add(new($"{Path}.retention.five-minute", $"{Days(Retention.FiveMinute)} is longer than retention.hourly ({Days(Retention.Hourly)}); " +
                                                            "raise hourly or lower five-minute"));
        if (BatchSize < 1)
            errors.Add(new($"{Path}.batch-size", $"must be at least 1 (got {BatchSize}); write e.g. batch-size = {Default.BatchSize}"));
        if (QueueSize < 1)
            errors.Add(new($"{Path}.queue-size", $"must be at least 1 (got {QueueSize}); write e.g. queue-size = {Default.QueueSize}"));
        else if (BatchSize >= 1 && QueueSize < BatchSize)
            errors.Add(new($"{Path}.queue-size", $"{QueueSize} is smaller than batch-size ({BatchSize}), so a batch could never fill; " +
                                                 $"make queue-size at least batch-size (default {Default.QueueSize} and {Default.BatchSize})"));
        return errors;
    }

    private static void Positive(List<ConfigError> errors, string key, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
            errors.Add(new($"{Path}.{key}", $"must be longer than 0 (got {ConfigSummary.FormatDuration(value)}); write e.g. {key.Split('.')[^1]} = {example}"));
    }

    private static string Days(TimeSpan t) => t.TotalDays >= 1 && t.TotalDays == Math.Floor(t.TotalDays) ? $"{t.TotalDays:0}d" : ConfigSummary.FormatDuration(t);
}
