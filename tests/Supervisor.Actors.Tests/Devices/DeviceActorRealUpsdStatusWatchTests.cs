using Supervisor.Configuration;

namespace Supervisor.Actors.Tests.Devices;

/// <summary>
/// Issue 9 part E end to end at the device: a real upsd 2.8 + dummy-ups, the real NUT driver, the device actor, and the
/// default <c>status-interval</c> (not written in the config). Polls are 20 s apart, so a CRITICAL within a second of
/// the flip, and a second <c>LIST VAR</c> right after it, can only come from the status watch.
/// </summary>
public sealed class DeviceActorRealUpsdStatusWatchTests(UpsdServer upsd, ITestOutputHelper output)
    : PersistentTestKit(output), IClassFixture<UpsdServer>, IAsyncLifetime
{
    private readonly ITestOutputHelper _output = output;

    public async Task InitializeAsync()
    {
        await upsd.RestartAsync();
        upsd.DrainLog();
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        _output.WriteLine(upsd.DrainLog());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DeviceActor_should_go_critical_and_poll_in_full_within_the_status_interval_when_upsd_flips_to_OB_LB_between_polls()
    {
        await using var relay = new RecordingTcpProxy(upsd.Host, upsd.Port);
        // Through the loader, so the status watch runs at reference.conf's default interval.
        var loaded = SupervisorConfigLoader.Load(ConfigurationFactory.ParseString(
            $"supervisor.devices.ups-a {{ driver = nut, host = \"127.0.0.1\", port = {relay.Port}, ups = ups1, poll-interval = 20s }}"));
        Assert.True(loaded.Errors.Count == 0, string.Join(" | ", loaded.Errors));
        var settings = loaded.Settings!.Devices[0];
        var reports = CreateTestProbe();
        Sys.ActorOf(DeviceActor.Props(settings, s => DeviceDriverFactory.Create(s, TimeProvider.System), [reports.Ref]), "device-ups-a");
        Assert.Equal(DeviceHealth.Healthy, reports.ExpectMsg<DeviceReport>(TimeSpan.FromSeconds(10)).Assessment.Health);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the watch runs a few times: unchanged status, no poll
        Assert.Equal(1, Lists(relay));

        await upsd.SetStatusAsync("OB LB"); // returns once GET VAR shows it (checked every 50 ms)
        var visible = DateTimeOffset.UtcNow;
        // Awaited, not blocking: a test thread parked in a blocking wait on 2 cores starves the pool the actor and the
        // relay run on, and the pool's slow thread injection (~1 s) then shows up as the device's lag.
        var critical = await reports.FishForMessageAsync<DeviceReport>(r => r.Assessment.Health == DeviceHealth.Critical, TimeSpan.FromSeconds(25));
        var lag = critical.At - visible; // the device's own stamp: how long it took, not how long the test took to look
        _output.WriteLine($"CRITICAL {lag.TotalMilliseconds:0} ms after upsd served OB LB: {critical.Assessment.Reason}");
        Assert.True(lag < TimeSpan.FromSeconds(1), $"CRITICAL {lag.TotalSeconds:0.00}s after upsd served OB LB; the watch runs every 100 ms (the default), polls every 20 s");

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (Lists(relay) < 2 && DateTime.UtcNow < until) await Task.Delay(20);
        Assert.Equal(2, Lists(relay)); // the change called a full poll at once
        Assert.Contains("GET VAR ups1 ups.status\n", relay.ClientBytes);
    }

    private static int Lists(RecordingTcpProxy relay) => relay.ClientBytes.Split("LIST VAR ups1\n").Length - 1;
}
