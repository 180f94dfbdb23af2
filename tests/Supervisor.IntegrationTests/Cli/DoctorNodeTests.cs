namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// <c>supervisor doctor --node</c> beside a running node: the node answers, its members and journal are healthy, and
/// the journal the node holds open (WAL) checks as sound: a live node is no false failure.
/// </summary>
public sealed class DoctorNodeTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    [Fact]
    public async Task Doctor_should_exit_0_with_the_node_and_its_journal_ok_when_asked_beside_a_running_node()
    {
        var config = Scenario.WriteConfig("node.conf", DoctorCli.Config(Path.Combine(Scenario.Dir, "data")));
        var node = Start("node", config, LoopbackPort.Free());
        await node.WaitForLineAsync(@"Supervisor: watching 1 device\(s\) in 1 group\(s\)", TimeSpan.FromSeconds(60));

        var r = await DoctorCli.RunAsync(Scenario.Dir, config, "--node", $"127.0.0.1:{node.Port}");
        Output.WriteLine(r.Stdout + r.Stderr);
        Assert.Equal(0, r.ExitCode);
        var rows = DoctorCli.Rows(r);
        Assert.Contains(rows, l => l.StartsWith("OK      node ", StringComparison.Ordinal) && l.Contains("1 member(s)", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.StartsWith("OK      journal on ", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.StartsWith("OK      journal ", StringComparison.Ordinal) && l.Contains("integrity_check ok", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.StartsWith("OK      journal mode ", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.StartsWith("OK      agent hv-1 ", StringComparison.Ordinal) && l.Contains("answers (dry-run, 1 action(s))", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.StartsWith("OK      agent hv-1 clock ", StringComparison.Ordinal) && l.Contains($"from akka.tcp://supervisor@127.0.0.1:{node.Port}", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.StartsWith("OK      agent hv-1 action sync (command) ", StringComparison.Ordinal) && l.Contains("would run sync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_node_should_fail_the_row_of_an_agents_action_whose_probe_fails_as_the_agent_answers_it()
    {
        var config = Scenario.WriteConfig("node.conf", DoctorCli.Config(Path.Combine(Scenario.Dir, "data"))
            .Replace("""actions { sync { command = ["sync"] } }""", "actions {\n sync { command = [\"sync\"] }\n stop-vms { command = [\"virsh-not-installed\", \"list\"] }\n }"));
        var node = Start("node", config, LoopbackPort.Free());
        await node.WaitForLineAsync(@"Supervisor: watching 1 device\(s\) in 1 group\(s\)", TimeSpan.FromSeconds(60));

        var r = await DoctorCli.RunAsync(Scenario.Dir, config, "--node", $"127.0.0.1:{node.Port}");
        Output.WriteLine(r.Stdout + r.Stderr);
        var row = DoctorCli.SingleFailRow(r, l => l.Contains("agent hv-1 action stop-vms (command)", StringComparison.Ordinal));
        Assert.Contains("program \"virsh-not-installed\" is not on this host's PATH", row);
    }
}
