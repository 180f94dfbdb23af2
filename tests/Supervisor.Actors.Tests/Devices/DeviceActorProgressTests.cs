using Akka.Event;

namespace Supervisor.Actors.Tests.Devices;

/// <summary>Issue 14: on battery the device actor logs a progress line every progress-interval, and none when it is off.</summary>
public class DeviceActorProgressTests(ITestOutputHelper output) : DeviceActorSpec(output)
{
    private TestProbe ProgressLines()
    {
        var lines = CreateTestProbe();
        Sys.EventStream.Subscribe(lines.Ref, typeof(Info));
        return lines;
    }

    private static bool IsProgress(object m) =>
        m is Info i && i.Message?.ToString() is { } text && text.StartsWith("Device ups-a: on battery for", StringComparison.Ordinal);

    [Fact]
    public async Task DeviceActor_should_log_progress_on_battery_every_interval_with_the_figures_and_where_triggers_fire()
    {
        var (reports, _) = StartHealthy(Settings() with { ProgressInterval = TimeSpan.FromMilliseconds(400) });
        var lines = ProgressLines();
        _driver.AnswerOnBattery(charge: 64, runtimeSeconds: 900);
        Until(reports, DeviceHealth.Degraded);

        var first = (Info)await lines.FishForMessageAsync(IsProgress, Patience);
        var firstAt = DateTime.UtcNow;
        var second = (Info)await lines.FishForMessageAsync(IsProgress, Patience);

        Assert.Contains("charge 64%, runtime 900s", first.Message.ToString());
        Assert.Contains("; fires at: ", first.Message.ToString());
        Assert.True(DateTime.UtcNow - firstAt >= TimeSpan.FromMilliseconds(250), "two progress lines inside one interval");
        Assert.Contains("charge 64%", second.Message.ToString());
    }

    [Fact]
    public async Task DeviceActor_should_log_no_progress_when_progress_interval_is_off()
    {
        var (reports, _) = StartHealthy(Settings() with { ProgressInterval = null });
        var lines = ProgressLines();
        _driver.AnswerOnBattery();
        Until(reports, DeviceHealth.Degraded);
        for (var i = 0; i < 10; i++) reports.ExpectMsg<DeviceReport>(Patience); // a second of polls on battery

        Assert.False(await HasProgress(lines));
    }

    private static async Task<bool> HasProgress(TestProbe lines)
    {
        while (lines.HasMessages)
            if (IsProgress(await lines.ReceiveOneAsync(TimeSpan.FromMilliseconds(100)))) return true;
        return false;
    }
}
