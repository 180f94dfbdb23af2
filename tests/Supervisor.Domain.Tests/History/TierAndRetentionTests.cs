namespace Supervisor.Domain.Tests.History;

public class TierAndRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly HistoryRetention R = HistoryRetention.Default;

    [Theory]
    [InlineData(1, HistoryTier.Raw)]
    [InlineData(48, HistoryTier.Raw)]
    [InlineData(49, HistoryTier.FiveMinute)]
    [InlineData(90 * 24, HistoryTier.FiveMinute)]
    [InlineData(90 * 24 + 1, HistoryTier.Hourly)]
    [InlineData(4 * 365 * 24, HistoryTier.Hourly)]
    public void Tier_should_be_the_finest_that_still_holds_the_windows_start(int hoursAgo, HistoryTier tier) =>
        Assert.Equal(tier, TierChoice.For(Now.AddHours(-hoursAgo), Now, Now, R));

    [Fact]
    public void Tier_should_coarsen_while_the_coarser_tier_still_gives_the_points_asked_for()
    {
        Assert.Equal(HistoryTier.Hourly, TierChoice.For(Now.AddDays(-30), Now, Now, R, maxPoints: 720));
        Assert.Equal(HistoryTier.FiveMinute, TierChoice.For(Now.AddDays(-30), Now, Now, R, maxPoints: 721));
        Assert.Equal(HistoryTier.Raw, TierChoice.For(Now.AddHours(-24), Now, Now, R, maxPoints: 500)); // 288 five-minute buckets < 500
        Assert.Equal(HistoryTier.FiveMinute, TierChoice.For(Now.AddHours(-24), Now, Now, R, maxPoints: 200));
    }

    [Fact]
    public void Cutoffs_should_keep_raw_for_its_retention_and_whole_buckets_at_the_edge()
    {
        var c = RetentionCutoffs.For(Now, R);
        var n = Now.ToUnixTimeMilliseconds();
        Assert.Equal(n - 48 * Buckets.HourMs, c.RawBeforeMs);
        Assert.Equal(n - 90L * 24 * Buckets.HourMs - Buckets.FiveMinuteMs, c.FiveMinuteBeforeMs);
        Assert.Equal(n - 5L * 365 * 24 * Buckets.HourMs - Buckets.HourMs, c.HourlyBeforeMs);
        Assert.Equal(n - 5L * 365 * 24 * Buckets.HourMs, c.EventsBeforeMs);
    }

    [Fact]
    public void Default_stats_settings_should_be_valid() => Assert.Empty(StatsSettings.Default.Validate());

    [Fact]
    public void Stats_settings_should_reject_non_positive_durations_shrinking_tiers_and_a_queue_smaller_than_a_batch()
    {
        var bad = StatsSettings.Default with
        {
            Retention = new HistoryRetention(TimeSpan.FromDays(100), TimeSpan.FromDays(90), TimeSpan.Zero),
            FlushInterval = TimeSpan.Zero,
            QueueSize = 10,
            BatchSize = 100,
        };
        var errors = bad.Validate().Select(e => e.Path).ToList();
        Assert.Equal(["supervisor.stats.retention.hourly", "supervisor.stats.flush-interval", "supervisor.stats.retention.raw", "supervisor.stats.queue-size"], errors);
        Assert.Contains(bad.Validate(), e => e.Message.Contains("raise five-minute or lower raw"));
    }
}
