using Akka.Actor;
using Akka.TestKit;
using Supervisor.Actors.Devices;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health;
using Supervisor.Drivers;
using Xunit.Abstractions;

namespace Supervisor.Actors.Tests.Devices;

public class DeviceActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2); // 20 polls: a starved scheduler on a busy CI box must not look like a stale device
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(8);

    private readonly FakeDeviceDriver _driver = new("ups-a");
    private int _driversCreated;

    private static DeviceSettings Settings(TimeSpan? poll = null, TimeSpan? staleAfter = null) => new("ups-a", "fake",
        poll ?? Poll, staleAfter ?? StaleAfter, TimeSpan.FromSeconds(1), TimeSpan.Zero, TriggerSettings.Defaults, new FakeDriverOptions());

    private TestProbe? _listener;

    /// <summary>The device's listener (a group in production); create it before the device so the first report is seen.</summary>
    private TestProbe Reports() => _listener = CreateTestProbe();

    private IActorRef Device(DeviceSettings? settings = null) =>
        Sys.ActorOf(DeviceActor.Props(settings ?? Settings(), _ =>
        {
            Interlocked.Increment(ref _driversCreated);
            return _driver;
        }, _listener is null ? [] : [_listener.Ref]), "device-ups-a");

    /// <summary>Reports up to and including the first that matches; every report before it is returned too.</summary>
    private static (DeviceReport Match, List<DeviceReport> Before) Until(TestProbe reports, Func<DeviceReport, bool> match, TimeSpan? within = null)
    {
        var before = new List<DeviceReport>();
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new Xunit.Sdk.XunitException($"no matching report in time; saw: {string.Join(" | ", before.Select(r => $"{r.Assessment.Health} {r.Assessment.Reason}"))}");
            var report = reports.ExpectMsg<DeviceReport>(left);
            if (match(report)) return (report, before);
            before.Add(report);
        }
    }

    private static DeviceReport Until(TestProbe reports, DeviceHealth health) => Until(reports, r => r.Assessment.Health == health).Match;

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
        var reports = Reports();
        Device();
        Until(reports, DeviceHealth.Healthy);
        _driver.AnswerOnBattery();
        var degraded = Until(reports, DeviceHealth.Degraded);
        Assert.True(degraded.HealthChanged);
        Assert.Contains("on battery", degraded.Assessment.Reason);
        Assert.True(degraded.LastReading?.OnBattery);
    }

    [Fact]
    public void DeviceActor_should_keep_the_previous_health_until_stale_after_then_report_unknown_with_the_reason_when_polls_fail()
    {
        var reports = Reports();
        Device();
        Until(reports, DeviceHealth.Healthy);
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
        var reports = Reports();
        Device();
        Until(reports, DeviceHealth.Healthy);
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
        var reports = Reports();
        var device = Device();
        Until(reports, DeviceHealth.Healthy);
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
        var reports = Reports();
        var device = Device(Settings(poll: TimeSpan.FromSeconds(30), staleAfter: TimeSpan.FromSeconds(120)));
        Until(reports, DeviceHealth.Healthy);
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

    [Fact]
    public async Task DeviceActor_should_stay_healthy_when_an_outage_ends_before_the_backoff_would_have_polled_again()
    {
        // Issue 9, first observed case, scaled: poll 0.5 s, timeout 1 s, stale-after 7 s. The backoff alone polls at
        // 0.5, 1, 2, 4 s into the outage and next at 8 s, past stale-after, although the device answers again at 4.5 s.
        // The poll schedule moves that poll to the last chance, 7 − 1 = 6 s.
        var settings = Settings(poll: TimeSpan.FromMilliseconds(500), staleAfter: TimeSpan.FromSeconds(7)) with { Timeout = TimeSpan.FromSeconds(1) };
        var reports = Reports();
        Device(settings);
        Until(reports, DeviceHealth.Healthy);

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
        var reports = Reports();
        Device();
        Until(reports, DeviceHealth.Healthy);
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

    private static async Task<bool> CompletesWithin(Task task, TimeSpan patience) => await Task.WhenAny(task, Task.Delay(patience)) == task;
}
