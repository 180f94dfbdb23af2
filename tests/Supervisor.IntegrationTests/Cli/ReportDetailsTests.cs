using System.Text.Json;
using Supervisor.Tests.RealServers;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>A upsd whose UPS reports serial, output and battery voltage and temperature besides the usual variables.</summary>
public sealed class NameplateUpsd : IAsyncLifetime
{
    public UpsdServer Upsd { get; } = new() { ExtraVariables = "ups.serial: SN-4711\noutput.voltage: 229.8\nbattery.voltage: 27.1\nups.temperature: 31.5\n" };
    public Task InitializeAsync() => Upsd.InitializeAsync();
    public Task DisposeAsync() => Upsd.DisposeAsync();
}

/// <summary>Issue 14 item 5: <c>report</c> shows what upsc users look for first: model, serial, status, load, voltages, temperature.</summary>
public sealed class ReportDetailsTests(NameplateUpsd fixture) : ScenarioTest, IClassFixture<NameplateUpsd>
{
    private string Config() => Scenario.WriteConfig("report.conf", $$"""
        supervisor {
          data-dir = "{{Scenario.Dir}}/data"
          devices { ups1 { driver = nut, host = "127.0.0.1", port = {{fixture.Upsd.Port}}, ups = "{{fixture.Upsd.UpsName}}" } }
          groups.rack { members = [ups1], shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ] }
        }
        """);

    [Fact]
    public async Task Report_against_a_real_upsd_shows_model_serial_status_load_voltages_and_temperature()
    {
        var r = await CliProcess.RunInAsync(Scenario.Dir, ["report", "--config", Config()]);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("Device details", r.Stdout);
        var row = Assert.Single(r.Stdout.Split('\n'), l => l.Contains("SN-4711"));
        Assert.Matches(@"ups1\s*│\s*Supervisor Test\s*│\s*SN-4711\s*│\s*OL\s*│\s*23\s*│\s*230\.5\s*│\s*229\.8\s*│\s*27\.1\s*│\s*31\.5", row);
    }

    [Fact]
    public async Task Report_json_carries_the_nameplate()
    {
        var r = await CliProcess.RunInAsync(Scenario.Dir, ["report", "--json", "--config", Config()]);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var plate = doc.RootElement.GetProperty("devices")[0].GetProperty("nameplate");
        Assert.Equal("SN-4711", plate.GetProperty("serial").GetString());
        Assert.Equal(27.1, plate.GetProperty("batteryVoltage").GetDouble());
        Assert.Equal(31.5, plate.GetProperty("temperatureC").GetDouble());
    }
}
