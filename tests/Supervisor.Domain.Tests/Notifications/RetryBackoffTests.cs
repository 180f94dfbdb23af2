using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Tests.Notifications;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(8, 256)]
    [InlineData(9, 300)]
    [InlineData(1000, 300)]
    public void Full_jitter_sample_doubles_per_attempt_up_to_the_cap(int attempts, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Next(attempts, Initial, Max, jitter: 1));

    [Fact]
    public void Zero_jitter_sample_is_half_the_exponential_value() =>
        Assert.Equal(TimeSpan.FromSeconds(8), RetryBackoff.Next(4, Initial, Max, jitter: 0)); // half of 16 s

    [Property]
    public bool The_delay_stays_between_half_and_all_of_the_capped_value(PositiveInt attempts, NormalFloat jitter)
    {
        var sample = Math.Abs(jitter.Get) % 1;
        var delay = RetryBackoff.Next(attempts.Get, Initial, Max, sample);
        var full = RetryBackoff.Next(attempts.Get, Initial, Max, 1);
        return delay >= full / 2 && delay <= full && full <= Max;
    }

    [Fact]
    public void Retry_after_wins_when_it_asks_for_longer_even_past_the_cap()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), RetryBackoff.Next(1, Initial, Max, 1, retryAfter: TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromSeconds(8), RetryBackoff.Next(3, Initial, Max, 1, retryAfter: TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Next(0, Initial, Max, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Next(1, TimeSpan.Zero, Max, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Next(1, Max, Initial, 1));
    }
}
