using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Health;
using Supervisor.Domain.History;
using Supervisor.Domain.Readings;
using Supervisor.History.Store;

namespace Supervisor.IntegrationTests.History;

/// <summary>`supervisor report` reads each device's last 24 h from the store the config points at, and never fails because of it.</summary>
public sealed class ReportLast24hTests(ITestOutputHelper output) : ScenarioTest
{
    private string Config() => Scenario.WriteNodeConfig("report.conf", inSupervisor: Hocon.SimulatedRack);

    /// <summary>An hour of ups-a two hours ago: on battery for its last 10 minutes, charge falling from 100 to 60; then aggregated.</summary>
    private void FillStore()
    {
        var dir = Path.Combine(Scenario.Dir, "data");
        Directory.CreateDirectory(dir);
        var now = DateTimeOffset.UtcNow;
        var start = now.AddHours(-2);
        var backend = new SqliteHistoryBackend(dir);
        backend.Prepare(now);
        using var writer = new HistoryWriter(backend);
        var facts = Enumerable.Range(0, 3600).Select(i =>
        {
            var at = start.AddSeconds(i);
            var onBattery = i >= 3000;
            var charge = onBattery ? 100 - (i - 3000) / 15.0 : 100;
            return (IFleetFact)new DeviceSampled("ups-a", "simulated",
                new Reading("ups-a", at, !onBattery, onBattery, false, false, charge, 1800, 40, 230, 400, onBattery ? "OB" : "OL"),
                onBattery ? DeviceHealth.Degraded : DeviceHealth.Healthy, "test", null, at);
        }).ToList();
        writer.Write(facts);
        writer.BeginMaintenance(RetentionCutoffs.For(now, HistoryRetention.Default));
        while (writer.MaintenanceStep()) { }
    }

    [Fact]
    public async Task Report_should_show_each_devices_last_24_hours_from_the_history_store()
    {
        FillStore();
        var r = await CliProcess.RunAsync("report", "--config", Config(), "--json");
        output.WriteLine(r.Stdout + r.Stderr);
        Assert.Equal(0, r.ExitCode);
        var day = r.Json.GetProperty("devices")[0].GetProperty("last24h");
        Assert.Equal(60, day.GetProperty("chargePercent").GetProperty("min").GetDouble(), 0);
        Assert.Equal(100, day.GetProperty("chargePercent").GetProperty("max").GetDouble());
        Assert.InRange(day.GetProperty("onBatterySeconds").GetDouble(), 570, 630); // 10 min, estimated from 5-minute buckets

        var table = await CliProcess.RunAsync("report", "--config", Config());
        output.WriteLine(table.Stdout);
        Assert.Contains("charge 60.1–100% (avg 96.7)", table.Stdout);
        Assert.Contains("on battery 0:10:00", table.Stdout);
    }

    [Fact]
    public async Task Report_should_leave_the_last_24_hours_out_and_say_why_when_the_store_is_unreadable()
    {
        var dir = Path.Combine(Scenario.Dir, "data");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "stats.db"), "this is not a database");
        var r = await CliProcess.RunAsync("report", "--config", Config());
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("the last 24 h are left out: the history store could not be read", r.Stderr);
        Assert.Equal("this is not a database", await File.ReadAllTextAsync(Path.Combine(dir, "stats.db"))); // a reader never moves or repairs it
    }

    [Fact]
    public async Task Report_should_not_create_a_store_when_there_is_none()
    {
        var r = await CliProcess.RunAsync("report", "--config", Config());
        Assert.Equal(0, r.ExitCode);
        Assert.False(File.Exists(Path.Combine(Scenario.Dir, "data", "stats.db")));
    }
}
