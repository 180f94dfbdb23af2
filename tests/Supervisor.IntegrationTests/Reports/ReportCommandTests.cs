namespace Supervisor.IntegrationTests.Reports;

/// <summary><c>supervisor report</c>: polls each device once and prints devices and groups.</summary>
public sealed class ReportCommandTests(UpsdServer upsd) : ScenarioTest, IClassFixture<UpsdServer>
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Supervisor.sln"))) dir = dir.Parent;
        return Path.Combine(dir.FullName, relative);
    }

    private static async Task<JsonElement> ReportJson(string config)
    {
        var output = new StringWriter();
        Assert.Equal(0, await ReportCommand.RunAsync(new NodeOptions(config), json: true, output, CancellationToken.None));
        return JsonDocument.Parse(output.ToString()).RootElement;
    }

    [Fact]
    public async Task Report_json_on_the_demo_config_should_list_every_device_and_group()
    {
        var report = await ReportJson(RepoFile("config/supervisor.conf"));
        Assert.Equal(["ups-a", "ups-b"], report.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        var group = Assert.Single(report.GetProperty("groups").EnumerateArray());
        Assert.Equal("rack-a", group.GetProperty("id").GetString());
        Assert.Equal("HEALTHY", group.GetProperty("state").GetString());
        Assert.Equal(800, group.GetProperty("powerWatts").GetDouble());
    }

    [Fact]
    public async Task Report_should_read_a_real_upsd_and_flag_the_group_over_its_power_budget()
    {
        await upsd.RestartAsync();
        await upsd.SetVarAsync("ups.realpower", "450");
        var config = Scenario.WriteConfig("report.conf", Hocon.Supervisor("data",
            Hocon.NutDevice(upsd.Port, "capacity-watts = 400") + "\nghost { driver = nut, host = \"127.0.0.1\", port = " + LoopbackPort.Free() + ", ups = nope }",
            Hocon.Group(Hocon.Phase("local-host", Hocon.Step("it-host", "poweroff")), "members = [ups-1, ghost]\npower-budget-watts = 300\nunknown-counts-as = critical"),
            Hocon.Agent("it-host")));

        var report = await ReportJson(config);
        var devices = report.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);
        Assert.Equal("HEALTHY", devices["ups-1"].GetProperty("state").GetString());
        Assert.Equal(450, devices["ups-1"].GetProperty("powerWatts").GetDouble());
        Assert.True(devices["ups-1"].GetProperty("overCapacity").GetBoolean());
        Assert.Equal("UNKNOWN", devices["ghost"].GetProperty("state").GetString());
        Assert.Contains("ghost", devices["ghost"].GetProperty("error").GetString());
        var group = report.GetProperty("groups")[0];
        Assert.True(group.GetProperty("overBudget").GetBoolean());
        Assert.Equal(1, group.GetProperty("healthy").GetInt32());
    }

    [Fact]
    public async Task Report_tables_should_name_every_device_and_group()
    {
        var output = new StringWriter();
        Assert.Equal(0, await ReportCommand.RunAsync(new NodeOptions(RepoFile("config/supervisor.conf")), json: false, output, CancellationToken.None));
        var text = output.ToString();
        Assert.Contains("ups-a", text);
        Assert.Contains("rack-a", text);
        Assert.Contains("HEALTHY", text);
    }
}
