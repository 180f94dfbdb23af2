namespace Supervisor.IntegrationTests.Cli;

/// <summary><c>supervisor agent check</c>: each allow-listed action probed on this host, as dry-run would, nothing acted on.</summary>
public sealed class AgentCheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supervisor-agent-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string actions)
    {
        var file = Path.Combine(_dir, "supervisor.conf");
        File.WriteAllText(file, DoctorCli.Config(Path.Combine(_dir, "data")).Replace("""actions { sync { command = ["sync"] } }""", $"actions {{\n sync {{ command = [\"sync\"] }}\n {actions}\n }}"));
        return file;
    }

    [Fact]
    public async Task Every_action_whose_program_exists_is_ok_and_nothing_runs()
    {
        var marker = Path.Combine(_dir, "ran");
        var r = await CliProcess.RunInAsync(_dir, ["agent", "check", "--config", Write($$"""touch { command = ["touch", "{{marker}}"] }""")]);
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var rows = DoctorCli.Rows(r);
        Assert.Equal(["OK", "OK"], rows.Select(l => l.Split(' ')[0]));
        Assert.Contains(rows, l => l.Contains("action touch (command)") && l.Contains($"would run touch {marker}"));
        Assert.False(File.Exists(marker));
        Assert.EndsWith("0 failed, 0 warnings, 2 ok\n", r.Stdout);
    }

    [Fact]
    public async Task A_missing_program_fails_its_row_with_the_fix_and_exit_1()
    {
        var r = await CliProcess.RunInAsync(_dir, ["agent", "check", "--config", Write("""stop-vms { command = ["virsh-not-installed", "shutdown"] }""")]);
        var row = DoctorCli.SingleFailRow(r, l => l.Contains("action stop-vms (command)"));
        Assert.Contains("program \"virsh-not-installed\" is not on this host's PATH", row);
        Assert.Contains("install it or give its full path", r.Stdout);
    }

    [Fact]
    public async Task A_config_without_an_agent_says_so_and_exits_1()
    {
        var file = Path.Combine(_dir, "no-agent.conf");
        File.WriteAllText(file, DoctorCli.Config(Path.Combine(_dir, "data")).Replace("""agent { host = hv-1, dry-run = on, actions { sync { command = ["sync"] } } }""", ""));
        var r = await CliProcess.RunInAsync(_dir, ["agent", "check", "--config", file]);
        Assert.Equal(1, r.ExitCode);
        DoctorCli.AssertNoStackTrace(r);
        Assert.Contains("has no supervisor.agent section, so this node runs no agent", r.Stderr);
    }

    [Fact]
    public async Task Doctor_includes_the_agent_probes()
    {
        var r = await DoctorCli.RunAsync(_dir, Write("""stop-vms { command = ["virsh-not-installed", "shutdown"] }"""));
        DoctorCli.SingleFailRow(r, l => l.Contains("action stop-vms (command)"));
    }
}
