namespace Supervisor.Actors.Tests.Devices;

public class DeviceActorTests(ITestOutputHelper output) : DeviceActorSpec(output)
{
    [Fact]
    public void DeviceActor_should_publish_a_healthy_report_marked_changed_when_the_first_reading_is_on_line()
    {
        var reports = Reports();
        Device();
        var first = reports.ExpectMsg<DeviceReport>(Patience);
        Assert.Equal(("ups-a", DeviceHealth.Healthy, true), (first.DeviceId, first.Assessment.Health, first.HealthChanged));
        Assert.Contains("on line", first.Assessment.Reason);
        Assert.Equal("OL", first.LastReading?.RawStatus);

        var next = reports.ExpectMsg<DeviceReport>(Patience); // every poll publishes, unchanged ones too
        Assert.Equal((DeviceHealth.Healthy, false), (next.Assessment.Health, next.HealthChanged));
    }

    [Fact]
    public void DeviceActor_should_report_degraded_when_the_device_goes_on_battery()
    {
        var (reports, _) = StartHealthy();
        _driver.AnswerOnBattery();
        var degraded = Until(reports, DeviceHealth.Degraded);
        Assert.True(degraded.HealthChanged);
        Assert.Contains("on battery", degraded.Assessment.Reason);
        Assert.True(degraded.LastReading?.OnBattery);
    }

    [Fact]
    public void DeviceActor_should_keep_the_previous_health_until_stale_after_then_report_unknown_with_the_reason_when_polls_fail()
    {
        var (reports, _) = StartHealthy();
        _driver.Fail(new DeviceException("ups-a", "connection refused by 127.0.0.1:3493; is upsd running?"));

        var (unknown, before) = Until(reports, r => r.Assessment.Health != DeviceHealth.Healthy);

        Assert.NotEmpty(before); // failed polls were reported, without changing health
        Assert.All(before, r => Assert.False(r.HealthChanged));
        var silentFor = unknown.At - unknown.LastReading!.Time; // the last reading is the last success
        Assert.True(silentFor >= StaleAfter, $"went {unknown.Assessment.Health} {silentFor.TotalMilliseconds} ms after the last success");
        Assert.Equal((DeviceHealth.Unknown, true), (unknown.Assessment.Health, unknown.HealthChanged));
        Assert.Contains("no reading for", unknown.Assessment.Reason);
        Assert.Contains("device \"ups-a\": connection refused by 127.0.0.1:3493", unknown.Assessment.Reason);
    }

    [Fact]
    public void DeviceActor_should_keep_polling_without_restarting_when_the_driver_fails_with_an_unexpected_exception()
    {
        _driver.Fail(new InvalidOperationException("Sequence contains no elements"));
        var reports = Reports();
        var device = Device();
        Watch(device);

        var report = reports.ExpectMsg<DeviceReport>(Patience);
        Assert.Equal(DeviceHealth.Unknown, report.Assessment.Health);
        Assert.Contains("InvalidOperationException: Sequence contains no elements", report.Assessment.Reason);
        AwaitCondition(() => _driver.Polls >= 3, Patience);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // not Terminated
        Assert.Equal(1, _driversCreated); // a restart would have asked the factory for a new driver
    }

    [Fact]
    public void DeviceActor_should_keep_polling_without_restarting_when_the_driver_throws_synchronously_from_read()
    {
        _driver.ThrowSynchronously(new NullReferenceException("driver bug"));
        var reports = Reports();
        Device();

        var report = reports.ExpectMsg<DeviceReport>(Patience);
        Assert.Equal(DeviceHealth.Unknown, report.Assessment.Health);
        Assert.Contains("NullReferenceException: driver bug", report.Assessment.Reason);
        AwaitCondition(() => _driver.Polls >= 3, Patience);
        Assert.Equal(1, _driversCreated);

        _driver.AnswerOnLine();
        Assert.True(Until(reports, DeviceHealth.Healthy).HealthChanged);
    }

    [Fact]
    public void DeviceActor_should_recover_to_healthy_when_polls_succeed_again_after_failures()
    {
        var (reports, _) = StartHealthy();
        _driver.Fail(new DeviceException("ups-a", "timeout after 1s"));
        Until(reports, DeviceHealth.Unknown);
        var pollsWhileFailing = _driver.Polls;

        _driver.AnswerOnLine();
        var healthy = Until(reports, DeviceHealth.Healthy);
        Assert.True(healthy.HealthChanged);
        Assert.DoesNotContain("timeout", healthy.Assessment.Reason);
        Assert.True(_driver.Polls > pollsWhileFailing);
        Assert.Equal(1, _driversCreated);
    }

    [Fact]
    public async Task DeviceActor_should_go_unknown_without_overlapping_polls_and_cancel_the_poll_on_stop_when_the_driver_hangs()
    {
        var (reports, device) = StartHealthy();
        _driver.Hang();

        var unknown = Until(reports, DeviceHealth.Unknown);
        Assert.StartsWith("no reading for", unknown.Assessment.Reason);
        var polls = _driver.Polls;
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // stale checks publish only changes
        Assert.Equal(polls, _driver.Polls); // no new poll while one is outstanding
        Assert.Equal(1, _driver.MaxConcurrentPolls);

        Sys.Stop(device);
        Assert.True(await CompletesWithin(_driver.Cancelled.Task, Patience), "the hanging poll was not cancelled on stop");
        Assert.True(await CompletesWithin(_driver.Disposed.Task, Patience), "the driver was not disposed on stop");
    }

    [Fact]
    public void DeviceActor_should_answer_the_asker_with_its_current_report_without_polling_again()
    {
        var (reports, device) = StartHealthy(Settings(poll: TimeSpan.FromSeconds(30), staleAfter: TimeSpan.FromSeconds(120)));
        reports.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // the next poll is 30 s away

        var asker = CreateTestProbe();
        device.Tell(GetDeviceReport.Instance, asker.Ref);
        var report = asker.ExpectMsg<DeviceReport>(TimeSpan.FromSeconds(3));
        Assert.Equal(("ups-a", DeviceHealth.Healthy, false), (report.DeviceId, report.Assessment.Health, report.HealthChanged));
        Assert.Equal(1, _driver.Polls);
    }

    [Fact]
    public async Task DeviceActor_should_answer_its_current_report_when_asked()
    {
        var reports = Reports();
        var device = Device();
        _driver.AnswerOnBattery(charge: 64);
        Until(reports, DeviceHealth.Degraded);

        var report = await device.Ask<DeviceReport>(GetDeviceReport.Instance, TimeSpan.FromSeconds(3));
        Assert.Equal((DeviceHealth.Degraded, 64d), (report.Assessment.Health, report.LastReading?.ChargePercent));
    }

    [Fact]
    public async Task DeviceActor_report_for_status_should_carry_the_battery_progress_only_while_on_battery()
    {
        var reports = Reports();
        var device = Device();
        Until(reports, DeviceHealth.Healthy);
        Assert.Null((await device.Ask<DeviceReport>(GetDeviceReport.Instance, TimeSpan.FromSeconds(3))).BatteryProgress);

        _driver.AnswerOnBattery(charge: 64);
        Until(reports, DeviceHealth.Degraded);
        var progress = (await device.Ask<DeviceReport>(GetDeviceReport.Instance, TimeSpan.FromSeconds(3))).BatteryProgress;
        Assert.NotNull(progress);
        Assert.StartsWith("on battery for ", progress);
        Assert.Contains("charge 64", progress);
    }

    [Fact]
    public void DeviceActor_should_log_driver_warnings_once_when_they_change()
    {
        var reports = Reports();
        _driver.Warn("battery.charge \"n/a\" is not a number; left out");
        EventFilter.Warning(contains: "battery.charge \"n/a\"").ExpectOne(Patience, () =>
        {
            Device();
            for (var i = 0; i < 5; i++) reports.ExpectMsg<DeviceReport>(Patience); // five polls, same warning
        });

        EventFilter.Warning(contains: "input.voltage \"-\"").ExpectOne(Patience, () =>
        {
            _driver.Warn("battery.charge \"n/a\" is not a number; left out", "input.voltage \"-\" is not a number; left out");
            for (var i = 0; i < 5; i++) reports.ExpectMsg<DeviceReport>(Patience);
        });
    }

    [Fact]
    public void DeviceActor_should_log_a_repeated_poll_failure_once_when_the_reason_stays_the_same()
    {
        var reports = Reports();
        _driver.Fail(new DeviceException("ups-a", "connection refused"));
        EventFilter.Warning(contains: "connection refused").ExpectOne(Patience, () =>
        {
            Device();
            for (var i = 0; i < 3; i++) reports.ExpectMsg<DeviceReport>(Patience);
        });
    }

    [Fact]
    public void DeviceActor_should_say_once_why_a_device_that_reads_fine_stays_unknown()
    {
        var reports = Reports();
        _driver.AnswerPlug(0, relayOn: false);
        var plug = Settings() with { Sensing = new PowerThresholds(ThresholdDirection.Below, 50, null, null, 5) };
        EventFilter.Warning(contains: "reads, but stays UNKNOWN: relay is off").ExpectOne(Patience, () =>
        {
            Device(plug);
            for (var i = 0; i < 5; i++) reports.ExpectMsg<DeviceReport>(Patience);
        });
    }
}
