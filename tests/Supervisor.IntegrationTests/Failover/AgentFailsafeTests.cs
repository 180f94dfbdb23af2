namespace Supervisor.IntegrationTests.Failover;

/// <summary>
/// The agent fail-safe end to end, with real processes: the supervisor tells the agent its group is on battery
/// (real upsd OB, not yet critical), then the supervisor node dies. The cluster downs the lone agent node (it
/// exits 255, as systemd's Restart=on-failure expects); restarted, the agent still knows the group was on
/// battery, hears no supervisor for failsafe.after, and runs its own local sequence — once.
/// </summary>
public sealed class AgentFailsafeTests(UpsdServer upsd, ITestOutputHelper output) : ProcessClusterTest(output), IClassFixture<UpsdServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Agent_told_on_battery_that_loses_every_supervisor_should_run_its_local_shutdown_once()
    {
        await upsd.RestartAsync();
        var supervisor = Scenario.WriteConfig("s.conf", Hocon.Supervisor("data-s", Hocon.NutDevice(upsd.Port, "triggers { low-battery = off, on-battery = off, runtime = off, charge = off }"),
            Hocon.Group(Hocon.Phase("local-host", Hocon.Step("a1", "poweroff"))), agent: ""));
        var agent = Scenario.WriteConfig("a.conf", $$"""
            supervisor {
              data-dir = "data-a"
              agent {
                host = a1
                dry-run = on
                actions {
                  sync { command = ["sync"] }
                  poweroff { command = ["systemctl", "poweroff"] }
                }
                failsafe { after = 15s, sequence = [sync, poweroff] }
              }
            }
            """);
        var (ps, pa) = (LoopbackPort.Free(), LoopbackPort.Free());
        var s = Start("s", supervisor, ps, "--roles", "supervisor");
        await s.WaitForLineAsync("Group rack: STARTING -> HEALTHY", Wait);
        var a = Start("a", agent, pa, "--roles", "agent", "--seed", $"127.0.0.1:{ps}");
        await a.WaitForLineAsync("Agent a1: fail-safe armed", Wait);
        await ClusterCli.WaitForUpAsync(ps, 2, Wait);

        await upsd.SetStatusAsync("OB"); // on battery, no trigger: DEGRADED, no saga
        await a.WaitForLineAsync("Agent a1: supervisor says group rack is ON BATTERY", Wait);
        Assert.Equal(0, s.Count("Saga"));

        s.Kill();
        // The cluster downs the lone agent (no supervisor on its side) within ~2-3 s of detection, well before
        // failsafe.after (15 s): the fail-safe must then come from the restarted process, which remembers the outage.
        Assert.Equal(255, await a.WaitForExitAsync(Wait));
        Assert.Equal(0, a.Count("FAIL-SAFE"));
        Assert.Empty(Scenario.ActionLog("data-a"));

        var restarted = Start("a-restarted", agent, pa, "--roles", "agent", "--seed", $"127.0.0.1:{ps}"); // what systemd does
        await restarted.WaitForLineAsync("fail-safe armed: .* on battery at last word: rack", Wait);
        await restarted.WaitForLineAsync("Agent a1: FAIL-SAFE: group\\(s\\) rack on battery and no supervisor heard for", Wait);
        await restarted.WaitForLineAsync("Agent a1: fail-safe sequence failsafe-a1-\\S+ done", Wait);
        var log = Scenario.ActionLog("data-a");
        Assert.Equal([("f1-sync", "sync", true), ("f2-poweroff", "poweroff", true)], log.Select(l => (l.StepId, l.Action, l.DryRun)));
    }
}
