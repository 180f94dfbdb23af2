using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Supervisor.Actors.Diagnostics;
using Supervisor.Actors.Groups;
using Supervisor.Actors.Tests.Devices;

namespace Supervisor.Actors.Tests.Diagnostics;

/// <summary>
/// The "Supervisor" meter's histograms are recorded by the real actors. The meter is static and other test
/// classes run in parallel, so each test picks out its own measurements (by value range or by driver tag).
/// </summary>
public sealed class SupervisorMetersTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Driver)> _seen = new();
    private MeterListener? _listener;

    private void Listen()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SupervisorMeters.MeterName) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? driver = null;
            foreach (var tag in tags)
                if (tag.Key == "driver") driver = tag.Value as string;
            _seen.Enqueue((instrument.Name, value, driver));
        });
        _listener.Start();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _listener?.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public void Meter_should_publish_both_histograms_in_milliseconds()
    {
        _ = SupervisorMeters.ReportLatency; // the instruments exist once the class is initialised
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, _) => { if (i.Meter.Name == SupervisorMeters.MeterName) published.Add(i); },
        };
        listener.Start();
        Assert.Equal([SupervisorMeters.PollDurationName, SupervisorMeters.ReportLatencyName], published.Select(i => i.Name).Order());
        Assert.All(published, i => Assert.Equal("ms", i.Unit));
    }

    [Fact]
    public async Task GroupActor_should_record_report_latency_from_the_reports_time_to_handling_it()
    {
        Listen();
        var settings = new GroupSettings("rack-m", ["ups-m"], 1, CountsAs.Healthy, CountsAs.Healthy,
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60),
            new ShutdownSettings(TimeSpan.FromSeconds(10), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(1),
                [new PhaseSettings("local-host", [new StepSettings("h", "poweroff", TimeSpan.FromSeconds(30), true)])]));
        var policy = new GroupPolicy("rack-m", settings.Members, 1, CountsAs.Healthy, CountsAs.Healthy, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        var group = Sys.ActorOf(GroupActor.Props(settings, policy, CreateTestProbe().Ref, CreateTestProbe().Ref), "group-rack-m");

        // A report made 2.5 s ago (a stand-in for a backed-up mailbox): the group records at least 2 500 ms.
        var madeAt = DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(2500);
        var reading = new Reading("ups-m", madeAt, true, false, false, false, 100, 1800, 20, 230, 100, "OL");
        group.Tell(new DeviceReport("ups-m", new HealthAssessment(DeviceHealth.Healthy, "on line", []), reading, madeAt, true));
        await group.Ask<GroupStatus>(GetGroupStatus.Instance, TimeSpan.FromSeconds(15)); // handled in order after the report

        await AwaitAssertAsync(() => Assert.Contains(_seen, m => m.Instrument == SupervisorMeters.ReportLatencyName && m.Value is >= 2500 and < 60_000),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void DeviceActor_should_record_poll_duration_tagged_with_the_driver()
    {
        Listen();
        var driverName = "slow-" + Guid.NewGuid().ToString("N")[..6]; // a tag no other test uses
        var settings = new DeviceSettings("ups-slow", driverName, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(1), TimeSpan.Zero, TriggerSettings.Defaults, new FakeDriverOptions());
        var reports = CreateTestProbe();
        Sys.ActorOf(DeviceActor.Props(settings, _ => new SlowDriver("ups-slow", TimeSpan.FromMilliseconds(120)), [reports.Ref]), "device-ups-slow");

        reports.ExpectMsg<DeviceReport>(TimeSpan.FromSeconds(10));
        AwaitAssert(() => Assert.Contains(_seen, m => m.Instrument == SupervisorMeters.PollDurationName && m.Driver == driverName && m.Value is >= 100 and < 60_000),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void TimedRead_should_record_a_read_that_completed_synchronously_and_return_the_drivers_own_task()
    {
        Listen();
        var driverName = "sync-" + Guid.NewGuid().ToString("N")[..6];
        var driver = new FakeDeviceDriver("ups-sync");
        var task = SupervisorMeters.TimedRead(driver, driverName, CancellationToken.None);
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Contains(_seen, m => m.Instrument == SupervisorMeters.PollDurationName && m.Driver == driverName && m.Value is >= 0 and < 1000);
    }

    private sealed class SlowDriver(string id, TimeSpan delay) : IDeviceDriver
    {
        public string DeviceId => id;
        public IReadOnlyList<string> LastWarnings => [];

        public async Task<Reading> ReadAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new Reading(id, DateTimeOffset.UtcNow, true, false, false, false, 100, 1800, 20, 230, 100, "OL");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
