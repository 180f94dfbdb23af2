using Supervisor.Domain.Text;

namespace Supervisor.Actors.Tests.Devices;

/// <summary>What a device sends back enters the node at the device actor: a configured secret in it never reaches a report.</summary>
public sealed class DeviceActorRedactionTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private const string Password = "s3cret-Passw0rd";
    private readonly FakeDeviceDriver _driver = new("ups-a");

    private static DeviceSettings Settings() => new("ups-a", "nut", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1),
        TimeSpan.Zero, TriggerSettings.Defaults, new NutOptions("127.0.0.1", 3493, "ups1", "mon", Password));

    private (Akka.TestKit.TestProbe Reports, IActorRef Device) Start()
    {
        var reports = CreateTestProbe();
        var device = Sys.ActorOf(DeviceActor.Props(Settings(), _ => _driver, [reports.Ref]), "device-ups-a");
        return (reports, device);
    }

    [Fact]
    public void DeviceActor_should_mask_its_password_when_the_failure_text_quotes_it()
    {
        _driver.Fail(new DeviceException("ups-a", $"upsd denied LOGIN (ERR ACCESS-DENIED {Password})"));
        var (reports, _) = Start();
        var report = reports.FishForMessage<DeviceReport>(r => r.Assessment.Reason.Contains("ACCESS-DENIED"), TimeSpan.FromSeconds(8));
        Assert.DoesNotContain(Password, report.Assessment.Reason);
        Assert.Contains($"ERR ACCESS-DENIED {SecretRedactor.Mask}", report.Assessment.Reason);
    }

    [Fact]
    public void DeviceActor_should_mask_a_secret_of_another_device_when_given_the_fleet_redactor()
    {
        var other = new SupervisorSettings("data", [Settings() with { Id = "ups-b", Options = new NutOptions("h", 1, "u", "m", "fleet-wide-secret") }], [], null);
        _driver.Fail(new DeviceException("ups-a", "echo fleet-wide-secret"));
        var reports = CreateTestProbe();
        Sys.ActorOf(DeviceActor.Props(Settings(), _ => _driver, [reports.Ref], redactor: SecretRedactor.For(other)), "device-ups-a");
        var report = reports.FishForMessage<DeviceReport>(r => r.Assessment.Reason.Contains("echo"), TimeSpan.FromSeconds(8));
        Assert.Contains("echo ***", report.Assessment.Reason);
    }

    [Fact]
    public void DeviceActor_should_mask_its_password_when_the_device_puts_it_in_its_status()
    {
        _driver.Answer(new Reading("ups-a", DateTimeOffset.UtcNow, true, false, false, false, 100, 1800, 10, 230, 100, $"OL {Password}"));
        var (reports, _) = Start();
        var report = reports.FishForMessage<DeviceReport>(r => r.LastReading is not null, TimeSpan.FromSeconds(8));
        Assert.Equal("OL ***", report.LastReading!.RawStatus);
    }
}
