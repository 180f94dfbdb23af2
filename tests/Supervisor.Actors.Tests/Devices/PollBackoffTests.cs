using Supervisor.Actors.Devices;

namespace Supervisor.Actors.Tests.Devices;

public class PollBackoffTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    public void PollBackoff_should_double_the_delay_per_failure_when_polls_keep_failing(int failures, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PollBackoff.Next(Second, failures));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(1_000_000)]
    public void PollBackoff_should_cap_the_delay_at_15_seconds_when_failures_pile_up(int failures)
    {
        Assert.Equal(TimeSpan.FromSeconds(15), PollBackoff.Next(Second, failures));
        Assert.Equal(TimeSpan.FromSeconds(15), PollBackoff.MaxDelay);
    }

    [Fact]
    public void PollBackoff_should_use_the_poll_interval_when_there_are_no_failures()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), PollBackoff.Next(TimeSpan.FromMilliseconds(100), 0));
        Assert.Equal(TimeSpan.FromSeconds(2), PollBackoff.Next(TimeSpan.FromSeconds(2), -3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    public void PollBackoff_should_never_poll_faster_than_the_poll_interval_when_the_interval_exceeds_the_cap(int failures)
    {
        var interval = TimeSpan.FromSeconds(30);
        Assert.Equal(interval, PollBackoff.Next(interval, failures));
    }

    [Fact]
    public void PollBackoff_should_never_return_less_than_the_poll_interval_when_failing()
    {
        foreach (var ms in new[] { 50, 100, 250, 1_000, 7_000, 15_000, 20_000 })
        for (var failures = 0; failures < 40; failures++)
        {
            var interval = TimeSpan.FromMilliseconds(ms);
            var next = PollBackoff.Next(interval, failures);
            Assert.True(next >= interval, $"{next} < {interval} after {failures} failure(s)");
            Assert.True(next <= (interval > PollBackoff.MaxDelay ? interval : PollBackoff.MaxDelay), $"{next} over the cap");
        }
    }
}
