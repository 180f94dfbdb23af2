namespace Supervisor.IntegrationTests.Cli;

/// <summary>Issue 14 (the demo says what to try next): which configs count as the demo; the line itself is checked on
/// the real demo run (<see cref="ReadmeDemoTests"/>).</summary>
public sealed class DemoNextStepsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supervisor-demo-next-").FullName;

    [Fact]
    public void The_built_in_demo_and_an_unchanged_copy_of_it_should_count_as_the_demo()
    {
        var copy = Path.Combine(_dir, "supervisor.conf");
        File.Copy(RepoPaths.DemoConfig, copy);
        Assert.True(DemoNextSteps.IsDemo(BuiltInConfig.DemoName));
        Assert.True(DemoNextSteps.IsDemo(copy));
    }

    [Fact]
    public void An_edited_or_missing_config_should_not_count_as_the_demo_so_a_real_fleet_gets_no_tutorial_line()
    {
        var edited = Path.Combine(_dir, "mine.conf");
        File.WriteAllText(edited, File.ReadAllText(RepoPaths.DemoConfig) + "\nsupervisor.devices.ups-a.poll-interval = 2s\n");
        Assert.False(DemoNextSteps.IsDemo(edited));
        Assert.False(DemoNextSteps.IsDemo(Path.Combine(_dir, "absent.conf")));
    }

    [Fact]
    public void The_line_should_leave_the_dashboard_out_when_no_HTTP_API_runs()
    {
        var line = DemoNextSteps.Line("rack-a-1-x", TimeSpan.FromSeconds(0.25), "127.0.0.1:4053", null);
        Assert.Equal("Demo: the outage ran its course: saga rack-a-1-x completed in 0.25 s. Try next: supervisor sagas show rack-a-1-x --node 127.0.0.1:4053, " +
                     "supervisor events --node 127.0.0.1:4053, or write your own config with supervisor init --nut HOST.", line);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
