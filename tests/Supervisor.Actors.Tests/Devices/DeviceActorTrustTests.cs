namespace Supervisor.Actors.Tests.Devices;

/// <summary>Issue 9 at the actor: a transient must never shorten the time to a shutdown.</summary>
public class DeviceActorTrustTests(ITestOutputHelper output) : DeviceActorSpec(output)
{
    [Fact]
    public async Task DeviceActor_should_stay_healthy_when_an_outage_ends_before_the_backoff_would_have_polled_again()
    {
        // Issue 9, first observed case, scaled: poll 0.5 s, timeout 1 s, stale-after 7 s. The backoff alone polls at
        // 0.5, 1, 2, 4 s into the outage and next at 8 s, past stale-after, although the device answers again at 4.5 s.
        // The poll schedule moves that poll to the last chance, 7 − 1 = 6 s.
        var settings = Settings(poll: TimeSpan.FromMilliseconds(500), staleAfter: TimeSpan.FromSeconds(7)) with { Timeout = TimeSpan.FromSeconds(1) };
        var (reports, _) = StartHealthy(settings);

        _driver.Fail(new DeviceException("ups-a", "upsd at 127.0.0.1:3493 has no driver for ups1 (ERR DRIVER-NOT-CONNECTED)"));
        var outageStarted = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        _driver.AnswerOnLine();

        var (answered, before) = Until(reports, r => r.LastReading!.Time > outageStarted, within: TimeSpan.FromSeconds(8));
        Assert.All(before, r => Assert.Equal(DeviceHealth.Healthy, r.Assessment.Health));
        Assert.Equal(DeviceHealth.Healthy, answered.Assessment.Health);
        Assert.True(answered.LastReading!.Time - outageStarted < settings.StaleAfter,
            $"read again {(answered.LastReading.Time - outageStarted).TotalSeconds:0.0}s into the outage");
    }

    [Fact]
    public void DeviceActor_should_keep_reporting_healthy_and_say_why_once_when_the_driver_answers_wait()
    {
        var (reports, _) = StartHealthy();
        EventFilter.Warning(contains: "Device ups-a: status WAIT (driver initialising); keeping HEALTHY").ExpectOne(Patience, () =>
        {
            _driver.AnswerStatus("WAIT");
            var waiting = Until(reports, r => r.Assessment.Reason.StartsWith("status WAIT", StringComparison.Ordinal)).Match;
            Assert.Equal(DeviceHealth.Healthy, waiting.Assessment.Health);
            Assert.Equal("OL", waiting.LastReading?.RawStatus); // the group still sees the last reading that had a power state
            for (var i = 0; i < 3; i++) Assert.Equal(DeviceHealth.Healthy, reports.ExpectMsg<DeviceReport>(Patience).Assessment.Health);
        });
    }

    [Fact]
    public void DeviceActor_should_stay_degraded_and_warn_once_when_an_on_battery_device_sends_minus_one_for_charge_and_runtime()
    {
        // Issue 9, rule 3: -1 is how some NUT drivers say "unknown"; as a charge or runtime it fired the triggers.
        var reports = Reports();
        _driver.AnswerOnBattery(charge: -1, runtimeSeconds: -1);
        var noDelay = Settings() with { Triggers = TriggerSettings.Defaults with { OnBatteryDelay = TimeSpan.Zero } }; // the triggers would fire at once
        EventFilter.Warning(contains: "runtime -1s is out of range").ExpectOne(Patience, () =>
        {
            Device(noDelay);
            for (var i = 0; i < 4; i++)
            {
                var report = reports.ExpectMsg<DeviceReport>(Patience);
                Assert.Equal(DeviceHealth.Degraded, report.Assessment.Health);
                Assert.Equal((null, null), (report.LastReading?.ChargePercent, report.LastReading?.RuntimeSeconds));
            }
        });
    }

    [Fact]
    public void DeviceActor_should_report_to_each_listener_by_its_own_triggers_and_share_one_evaluation_between_equal_ones()
    {
        var own = TriggerSettings.Defaults with { OnBatteryDelay = TimeSpan.Zero };
        var strict = own with { ChargePercent = 40 };
        var lenient = CreateTestProbe();
        var strictA = CreateTestProbe();
        var strictB = CreateTestProbe();
        _driver.AnswerOnBattery(charge: 30);
        var device = Sys.ActorOf(DeviceActor.Props(Settings() with { Triggers = own }, _ => _driver,
            [new DeviceListener(lenient.Ref, "rack-a", own), new DeviceListener(strictA.Ref, "rack-b", strict), new DeviceListener(strictB.Ref, "rack-c", strict)]));

        Assert.Equal(DeviceHealth.Degraded, lenient.ExpectMsg<DeviceReport>(Patience).Assessment.Health);
        var b = strictA.ExpectMsg<DeviceReport>(Patience);
        var c = strictB.ExpectMsg<DeviceReport>(Patience);
        Assert.Equal((DeviceHealth.Critical, DeviceHealth.Critical), (b.Assessment.Health, c.Assessment.Health));
        Assert.Same(b, c); // one evaluation, one report, for the two groups with equal settings

        var asker = CreateTestProbe();
        device.Tell(new GetDeviceReport("rack-c"), asker.Ref);
        Assert.Equal(DeviceHealth.Critical, asker.ExpectMsg<DeviceReport>(Patience).Assessment.Health);
        device.Tell(GetDeviceReport.Instance, asker.Ref);
        Assert.Equal(DeviceHealth.Degraded, asker.ExpectMsg<DeviceReport>(Patience).Assessment.Health);
    }
}
