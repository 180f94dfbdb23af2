using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

public class PollScheduleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>poll-interval 1 s, timeout 3 s, stale-after 15 s: the first observed case (issue 9).</summary>
    private static DeviceSettings Device(double pollSeconds = 1, double staleAfterSeconds = 15, double timeoutSeconds = 3) =>
        Settings(staleAfterSeconds: staleAfterSeconds) with
        {
            PollInterval = TimeSpan.FromSeconds(pollSeconds),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        };

    private static TimeSpan Next(DeviceSettings d, int failures, double lastReadingSeconds, double nowSeconds) =>
        PollSchedule.NextDelay(d, failures, At(lastReadingSeconds), At(nowSeconds));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    public void Backoff_should_double_the_delay_per_failure_when_polls_keep_failing(int failures, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PollSchedule.Backoff(Second, failures));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(1_000_000)]
    public void Backoff_should_cap_the_delay_at_15_seconds_when_failures_pile_up(int failures)
    {
        Assert.Equal(TimeSpan.FromSeconds(15), PollSchedule.Backoff(Second, failures));
        Assert.Equal(TimeSpan.FromSeconds(15), PollSchedule.MaxBackoff);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void Backoff_should_never_poll_faster_than_the_poll_interval_when_the_interval_exceeds_the_cap(int failures)
    {
        Assert.Equal(TimeSpan.FromSeconds(30), PollSchedule.Backoff(TimeSpan.FromSeconds(30), failures));
    }

    [Fact]
    public void NextDelay_should_be_the_poll_interval_when_the_last_poll_answered()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Next(Device(), failures: 0, lastReadingSeconds: 10, nowSeconds: 10));
        Assert.Equal(TimeSpan.FromSeconds(1), Next(Device(), failures: -3, lastReadingSeconds: 10, nowSeconds: 10));
    }

    [Fact]
    public void NextDelay_should_follow_the_backoff_when_it_ends_well_before_the_last_chance()
    {
        // Failures at 1, 2, 4 s after the last reading: backoff 1, 2, 4 s all end before 15 − 3 − 3 = 9 s.
        var d = Device();
        Assert.Equal(TimeSpan.FromSeconds(1), Next(d, 1, 0, 1));
        Assert.Equal(TimeSpan.FromSeconds(2), Next(d, 2, 0, 2));
        Assert.Equal(TimeSpan.FromSeconds(4), Next(d, 3, 0, 4));
    }

    [Fact]
    public void NextDelay_should_poll_at_the_last_chance_when_the_backoff_would_overshoot_it()
    {
        // The observed case: failures at 1, 3, 7 s; the backoff says 8 s (poll at 15 s = stale). The last start from
        // which an answer still lands in time is 15 − 3 = 12 s.
        Assert.Equal(TimeSpan.FromSeconds(5), Next(Device(), failures: 4, lastReadingSeconds: 0, nowSeconds: 7));
    }

    [Fact]
    public void NextDelay_should_move_a_poll_to_the_last_chance_when_it_would_start_within_a_timeout_before_it()
    {
        // A poll started at 10 s could hang until 13 s, past the last chance at 12 s, and block the poll there.
        var d = Device();
        Assert.Equal(TimeSpan.FromSeconds(1), Next(d, failures: 1, lastReadingSeconds: 0, nowSeconds: 8)); // backoff 1 s → 9 s ≤ 9 s: kept
        Assert.Equal(TimeSpan.FromSeconds(4), Next(d, failures: 2, lastReadingSeconds: 0, nowSeconds: 8)); // backoff 2 s → 10 s: moved to 12 s
    }

    [Fact]
    public void NextDelay_should_poll_at_once_when_the_poll_ends_exactly_at_the_last_chance()
    {
        Assert.Equal(TimeSpan.Zero, Next(Device(), failures: 5, lastReadingSeconds: 0, nowSeconds: 12));
    }

    [Fact]
    public void NextDelay_should_keep_the_poll_interval_when_past_the_last_chance_but_still_fresh()
    {
        // After the last chance only a quick answer can still land in time: poll at the normal pace, not the backoff's.
        Assert.Equal(TimeSpan.FromSeconds(1), Next(Device(), failures: 6, lastReadingSeconds: 0, nowSeconds: 12.5));
    }

    [Fact]
    public void NextDelay_should_back_off_freely_when_the_device_is_already_stale()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), Next(Device(), failures: 6, lastReadingSeconds: 0, nowSeconds: 15));
        Assert.Equal(TimeSpan.FromSeconds(15), Next(Device(), failures: 9, lastReadingSeconds: 0, nowSeconds: 100));
    }

    [Fact]
    public void NextDelay_should_back_off_freely_when_the_device_was_never_read()
    {
        Assert.Equal(TimeSpan.FromSeconds(8), PollSchedule.NextDelay(Device(), 4, lastReadingAt: null, At(7)));
    }

    [Fact]
    public void NextDelay_should_never_be_negative_or_past_the_backoff_when_the_device_is_fresh()
    {
        var d = Device(pollSeconds: 2, staleAfterSeconds: 10, timeoutSeconds: 3);
        for (var failures = 1; failures < 12; failures++)
        for (var now = 0.0; now < 10; now += 0.25)
        {
            var delay = Next(d, failures, 0, now);
            Assert.True(delay >= TimeSpan.Zero, $"{delay} after {failures} failure(s) at {now}s");
            Assert.True(delay <= PollSchedule.Backoff(d.PollInterval, failures) || now + delay.TotalSeconds == 7,
                $"{delay} at {now}s waits longer than the backoff without landing on the last chance");
        }
    }
}
