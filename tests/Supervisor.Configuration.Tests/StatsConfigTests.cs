using Supervisor.Domain.History;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class StatsConfigTests
{
    [Fact]
    public void Stats_should_default_to_on_with_48h_90d_and_5y_retention()
    {
        var s = LoadValid(Base).Stats;
        Assert.Equal(StatsSettings.Default, s);
        Assert.True(s.Enabled);
        Assert.Equal(new HistoryRetention(TimeSpan.FromHours(48), TimeSpan.FromDays(90), TimeSpan.FromDays(5 * 365)), s.Retention);
        Assert.Equal(20_000, s.QueueSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), s.FlushInterval);
        Assert.Equal(1_000, s.BatchSize);
    }

    [Fact]
    public void Stats_should_read_overrides_including_years()
    {
        var s = LoadValid(Base + "\nsupervisor.stats { enabled = off, retention = { raw = 6h, five-minute = 30d, hourly = 2y }, queue-size = 500, flush-interval = 250ms, batch-size = 100 }").Stats;
        Assert.Equal(new StatsSettings(false, new HistoryRetention(TimeSpan.FromHours(6), TimeSpan.FromDays(30), TimeSpan.FromDays(730)), 500,
            TimeSpan.FromMilliseconds(250), 100), s);
    }

    [Fact]
    public void Stats_should_keep_the_other_defaults_when_one_retention_key_is_set()
    {
        var r = LoadValid(Base + "\nsupervisor.stats.retention.raw = 24h").Stats.Retention;
        Assert.Equal(HistoryRetention.Default with { Raw = TimeSpan.FromHours(24) }, r);
    }

    [Fact]
    public void Stats_should_warn_about_an_unknown_key()
    {
        AssertWarned(Base + "\nsupervisor.stats.batchsize = 10", "supervisor.stats.batchsize", "batch-size");
    }
}
