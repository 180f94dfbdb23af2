namespace Supervisor.Actors.Tests.Devices;

/// <summary>
/// Issue 9 part E at the actor: the status watch between full polls. Polls are 30 s apart in most specs, so anything
/// that happens within a few seconds happened because of the watch, not because a poll came round.
/// </summary>
public class DeviceActorStatusWatchTests(ITestOutputHelper output) : DeviceActorSpec(output)
{
    private static readonly TimeSpan WatchEvery = TimeSpan.FromMilliseconds(100);

    private static DeviceSettings Watching(TimeSpan? poll = null, TimeSpan? stabilize = null) =>
        Settings(poll ?? TimeSpan.FromSeconds(30), staleAfter: TimeSpan.FromSeconds(150)) with
        {
            StatusInterval = WatchEvery,
            Stabilize = stabilize ?? TimeSpan.Zero,
        };

    private static Reading OnBatteryLow(string deviceId) =>
        new(deviceId, DateTimeOffset.UtcNow, false, true, true, false, 40, 600, 30, 0, 250, "OB LB");

    [Fact]
    public void DeviceActor_should_go_critical_from_the_status_alone_and_poll_in_full_at_once_when_the_watch_sees_OB_LB()
    {
        var (reports, _) = StartHealthy(Watching());

        _driver.Answer(OnBatteryLow("ups-a"));
        _driver.AnswerStatusRead("OB LB");
        var flipped = DateTimeOffset.UtcNow;
        var critical = Until(reports, DeviceHealth.Critical);

        Assert.True(DateTimeOffset.UtcNow - flipped < TimeSpan.FromSeconds(3), "CRITICAL came from a poll, not from the watch");
        Assert.True(critical.LastReading!.StatusOnly, "the first CRITICAL should be judged from the status, before the full poll answers");
        Assert.Equal([TriggerKind.LowBattery], critical.Assessment.Fired);
        var full = Until(reports, r => r.LastReading is { StatusOnly: false, OnBattery: true }, within: TimeSpan.FromSeconds(3)).Match;
        Assert.Equal((40.0, 600.0), (full.LastReading!.ChargePercent, full.LastReading.RuntimeSeconds));
        Assert.Equal(2, _driver.Polls); // the first poll and the one the change called, nothing in between
    }

    [Fact]
    public void DeviceActor_should_go_critical_at_once_when_the_watch_sees_FSD_while_the_device_is_still_stabilizing()
    {
        var (reports, _) = StartHealthy(Watching(stabilize: TimeSpan.FromSeconds(60)));
        _driver.AnswerOnBattery();
        _driver.AnswerStatusRead("OB");
        Until(reports, DeviceHealth.Degraded);
        _driver.AnswerOnLine();
        _driver.AnswerStatusRead("OL");
        Until(reports, r => r.Assessment.Reason.Contains("stabilizing", StringComparison.Ordinal));

        _driver.AnswerStatusRead("FSD OL");
        var flipped = DateTimeOffset.UtcNow;
        var critical = Until(reports, DeviceHealth.Critical);
        Assert.True(DateTimeOffset.UtcNow - flipped < TimeSpan.FromSeconds(3));
        Assert.Contains(TriggerKind.ForcedShutdown, critical.Assessment.Fired);
    }

    [Fact]
    public void DeviceActor_should_take_the_watchs_whole_reading_as_the_poll_when_the_driver_sends_one()
    {
        // apcupsd: NIS has no smaller request than the full status, so the probe carries the reading and no second request is made.
        var (reports, _) = StartHealthy(Watching());

        _driver.AnswerStatusRead("OB LB", full: OnBatteryLow("ups-a"));
        var critical = Until(reports, DeviceHealth.Critical);
        Assert.False(critical.LastReading!.StatusOnly);
        Assert.Equal(40, critical.LastReading.ChargePercent);
        Assert.Equal(1, _driver.Polls);
    }

    [Fact]
    public async Task DeviceActor_should_not_count_a_failed_watch_as_a_failed_poll_when_offline_after_failures_is_one()
    {
        // offline-after-failures = 1: a single failed poll would make the device UNKNOWN at once.
        var (reports, _) = StartHealthy(Watching(poll: TimeSpan.FromMilliseconds(400)) with { OfflineAfterFailures = 1 });
        _driver.FailStatusRead(new DeviceException("ups-a", "upsd at 127.0.0.1:3493 reset the connection"));

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(_driver.StatusReads >= 2, $"the watch ran {_driver.StatusReads} time(s); it resumes after every poll that answers");
        var seen = reports.ReceiveWhile(TimeSpan.FromMilliseconds(100), o => (DeviceReport)o);
        Assert.NotEmpty(seen);
        Assert.All(seen, r => Assert.Equal(DeviceHealth.Healthy, r.Assessment.Health));
    }

    [Fact]
    public async Task DeviceActor_should_start_a_due_poll_on_time_when_a_watch_hangs()
    {
        var (reports, _) = StartHealthy(Watching(poll: TimeSpan.FromMilliseconds(500)));
        var polls = _driver.Polls;
        _driver.HangStatusRead();

        Assert.True(await CompletesWithin(_driver.StatusReadCancelled.Task, Patience), "the due poll should cancel the hanging watch");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(_driver.Polls - polls >= 3, $"{_driver.Polls - polls} poll(s) in 2.5 s at 500 ms: a hanging watch held them up");
        Assert.Equal(1, _driver.MaxConcurrentPolls);
    }

    [Fact]
    public async Task DeviceActor_should_leave_the_server_alone_between_polls_when_polls_are_failing()
    {
        var (reports, _) = StartHealthy(Watching(poll: TimeSpan.FromMilliseconds(300)));
        _driver.Fail(new DeviceException("ups-a", "connection refused by upsd at 127.0.0.1:3493"));
        await Task.Delay(TimeSpan.FromMilliseconds(700)); // the next poll fails
        var watches = _driver.StatusReads;
        var polls = _driver.Polls;

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(_driver.Polls > polls, "polls go on (PollSchedule)");
        Assert.Equal(watches, _driver.StatusReads);
    }

    [Fact]
    public async Task DeviceActor_should_neither_poll_early_nor_change_health_when_the_watch_sees_WAIT()
    {
        var (reports, _) = StartHealthy(Watching());
        _driver.AnswerStatusRead("WAIT");

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(_driver.StatusReads >= 3);
        Assert.Equal(1, _driver.Polls);
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
