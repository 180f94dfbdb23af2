using Microsoft.Extensions.Time.Testing;
using Supervisor.Drivers;

namespace Supervisor.Drivers.Tests;

public class ConnectBackoffTests
{
    [Fact]
    public void Backoff_should_let_the_first_connect_through()
    {
        Assert.Null(new ConnectBackoff(new FakeTimeProvider()).Blocked("upsd at h:1"));
    }

    [Fact]
    public void Backoff_should_block_with_the_last_error_and_double_up_to_ten_seconds()
    {
        var clock = new FakeTimeProvider();
        var backoff = new ConnectBackoff(clock);
        foreach (var seconds in new[] { 1, 2, 4, 8, 10, 10 })
        {
            backoff.Failed("connection refused");
            Assert.Equal($"reconnect to upsd at h:1 backing off for {seconds}s after: connection refused", backoff.Blocked("upsd at h:1"));
            clock.Advance(TimeSpan.FromSeconds(seconds));
            Assert.Null(backoff.Blocked("upsd at h:1"));
        }
    }

    [Fact]
    public void Backoff_should_reset_after_a_success()
    {
        var clock = new FakeTimeProvider();
        var backoff = new ConnectBackoff(clock);
        backoff.Failed("refused");
        clock.Advance(TimeSpan.FromSeconds(1));
        backoff.Failed("refused");
        backoff.Succeeded();
        Assert.Null(backoff.Blocked("x"));
        backoff.Failed("refused");
        Assert.Contains("backing off for 1s", backoff.Blocked("x"));
    }
}
