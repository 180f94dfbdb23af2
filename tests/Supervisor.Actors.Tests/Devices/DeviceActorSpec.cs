namespace Supervisor.Actors.Tests.Devices;

/// <summary>What the device actor specs share: a scripted fake driver, a listener probe and a wait-for-report helper.</summary>
public abstract class DeviceActorSpec(ITestOutputHelper output) : PersistentTestKit(output)
{
    protected static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    protected static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2); // 20 polls: a starved scheduler on a busy CI box must not look like a stale device
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(8);

    protected readonly FakeDeviceDriver _driver = new("ups-a");
    protected int _driversCreated;

    protected static DeviceSettings Settings(TimeSpan? poll = null, TimeSpan? staleAfter = null) => new("ups-a", "fake",
        poll ?? Poll, staleAfter ?? StaleAfter, TimeSpan.FromSeconds(1), TimeSpan.Zero, TriggerSettings.Defaults, new FakeDriverOptions());

    private TestProbe? _listener;

    /// <summary>The device's listener (a group in production); create it before the device so the first report is seen.</summary>
    protected TestProbe Reports() => _listener = CreateTestProbe();

    protected IActorRef Device(DeviceSettings? settings = null) =>
        Sys.ActorOf(DeviceActor.Props(settings ?? Settings(), _ =>
        {
            Interlocked.Increment(ref _driversCreated);
            return _driver;
        }, _listener is null ? [] : [_listener.Ref]), "device-ups-a");

    /// <summary>A listener probe and the device actor, once its first HEALTHY report has come.</summary>
    protected (TestProbe Reports, IActorRef Device) StartHealthy(DeviceSettings? settings = null)
    {
        var reports = Reports();
        var device = Device(settings);
        Until(reports, DeviceHealth.Healthy);
        return (reports, device);
    }

    /// <summary>Reports up to and including the first that matches; every report before it is returned too.</summary>
    protected static (DeviceReport Match, List<DeviceReport> Before) Until(TestProbe reports, Func<DeviceReport, bool> match, TimeSpan? within = null)
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

    protected static DeviceReport Until(TestProbe reports, DeviceHealth health) => Until(reports, r => r.Assessment.Health == health).Match;

    protected static async Task<bool> CompletesWithin(Task task, TimeSpan patience) => await Task.WhenAny(task, Task.Delay(patience)) == task;
}
