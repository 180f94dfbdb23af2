using Supervisor.Drivers.Simulated;

namespace Supervisor.Actors.Tests.Devices;

/// <summary>The device actor with the real simulated driver, whose comms-loss profile throws straight out of ReadAsync.</summary>
public class DeviceActorSimulatedDriverTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    [Fact]
    public void DeviceActor_should_report_unknown_after_stale_after_when_a_simulated_device_loses_comms()
    {
        var options = new SimulatedOptions(SimulatedProfile.CommsLoss, TimeSpan.FromSeconds(10), null, TimeSpan.FromSeconds(300),
            TimeSpan.FromSeconds(30), CommsLossAt: TimeSpan.FromSeconds(3), CommsLossFor: TimeSpan.FromSeconds(60), 20, 30, 230, 250);
        var settings = new DeviceSettings("ups-sim", "simulated", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2),
            TimeSpan.FromSeconds(1), TimeSpan.Zero, TriggerSettings.Defaults, options);
        var reports = CreateTestProbe();
        var created = 0;
        Sys.ActorOf(DeviceActor.Props(settings, s =>
        {
            Interlocked.Increment(ref created);
            return new SimulatedDriver(s.Id, options, TimeProvider.System);
        }, [reports.Ref]));

        reports.FishForMessage<DeviceReport>(r => r.Assessment.Health == DeviceHealth.Healthy, TimeSpan.FromSeconds(10));
        // On a starved machine a late poll can make the device stale before the loss window opens; wait for the loss.
        var unknown = reports.FishForMessage<DeviceReport>(
            r => r.Assessment.Health == DeviceHealth.Unknown && r.Assessment.Reason.Contains("simulated comms loss"), TimeSpan.FromSeconds(15));

        Assert.StartsWith("no reading for", unknown.Assessment.Reason);
        Assert.Equal(1, created); // polled on by the same actor, not restarted per failed poll
    }
}
