namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// Issue 14 item 4, no silent fallback: without --config, <c>report</c> (and <c>run</c>, which shares the notice) watches
/// the demo fleet; its first line says so and where a real config goes, so nobody reads the demo's HEALTHY as their own.
/// </summary>
public sealed class DemoConfigNoticeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supervisor-notice-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Report_without_config_should_say_first_that_it_uses_the_built_in_simulated_demo_and_where_a_real_config_goes()
    {
        var r = await CliProcess.RunInAsync(_dir, "report");

        Assert.Equal(0, r.ExitCode);
        var first = r.Stderr.Split('\n')[0];
        Assert.StartsWith("supervisor: no --config given: using the built-in demo config (simulated devices; nothing real is watched)", first);
        Assert.Contains("--config FILE", first);
        Assert.Contains("/etc/supervisor/supervisor.conf", first);
        Assert.Contains("ups-a", r.Stdout); // the report itself still comes, on stdout
    }

    [Fact]
    public async Task Report_without_config_should_name_the_file_it_picked_up_from_the_working_directory()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "config"));
        File.Copy(RepoPaths.DemoConfig, Path.Combine(_dir, "config", "supervisor.conf"));

        var r = await CliProcess.RunInAsync(_dir, "report");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith($"supervisor: no --config given: using {Path.Combine("config", "supervisor.conf")} from this directory", r.Stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task Report_with_config_should_print_no_notice()
    {
        var r = await CliProcess.RunInAsync(_dir, "report", "--config", RepoPaths.DemoConfig);

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("no --config given", r.Stderr);
    }
}
