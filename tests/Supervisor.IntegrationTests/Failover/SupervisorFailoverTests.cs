using System.Diagnostics;
using Supervisor.IntegrationTests.Harness;
using Supervisor.Tests.RealServers;
using Xunit.Abstractions;

namespace Supervisor.IntegrationTests.Failover;

/// <summary>
/// Three supervisor nodes and one agent node (real processes) sharing a real PostgreSQL journal, watching a
/// real upsd. The node running the supervisor singleton is killed (-9) mid-saga: a survivor takes over,
/// recovers the group and the saga from the journal and finishes it, and no step runs twice.
/// </summary>
public sealed class SupervisorFailoverTests(UpsdServer upsd, PostgresServer pg, ITestOutputHelper output)
    : ProcessClusterTest(output), IClassFixture<UpsdServer>, IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_the_supervisor_node_mid_saga_should_move_the_saga_to_a_survivor_without_repeating_a_step()
    {
        await upsd.RestartAsync();
        var journal = await pg.CreateDatabaseAsync();
        var journalHocon = $"journal {{ provider = postgresql, connection-string = \"{journal}\" }}";
        // Phase 2 waits on a host with no agent: the kill lands while the saga is there.
        var supervisor = Scenario.WriteConfig("supervisor.conf", Hocon.Supervisor("data-${?NODE}", Hocon.NutDevice(upsd.Port),
            Hocon.Group(string.Join(",\n", Hocon.Phase("vms", Hocon.Step("a1", "stop-vms")),
                Hocon.Phase("remote-hosts", Hocon.Step("unreachable-host", "sync", "30s")),
                Hocon.Phase("local-host", Hocon.Step("a1", "poweroff")))),
            journalHocon));
        var agent = Scenario.WriteConfig("agent.conf", $"supervisor {{ data-dir = \"data-a1\"\n{journalHocon}\n{Hocon.Agent("a1")} }}");

        var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPort.Free()).ToArray();
        var seed = $"127.0.0.1:{ports[0]}";
        var s1 = Start("s1", supervisor, ports[0], "--roles", "supervisor", "--data-dir", "data-s1", "--seed", seed);
        await s1.WaitForLineAsync("Supervisor: watching", Wait); // s1 is the oldest: it runs the singleton
        var s2 = Start("s2", supervisor, ports[1], "--roles", "supervisor", "--data-dir", "data-s2", "--seed", seed);
        var s3 = Start("s3", supervisor, ports[2], "--roles", "supervisor", "--data-dir", "data-s3", "--seed", seed);
        Start("a1", agent, ports[3], "--roles", "agent", "--seed", seed);
        await ClusterCli.WaitForUpAsync(ports[0], 4, Wait);
        await s1.WaitForLineAsync("Group rack: STARTING -> HEALTHY", Wait);

        await upsd.SetStatusAsync("OB LB");
        await s1.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: step 2.1-remote-hosts-unreachable-host-sync dispatched", Wait);
        Assert.Equal([("1.1-vms-a1-stop-vms", "stop-vms", true)], Scenario.ActionLog("data-a1"));

        var killedAt = Stopwatch.StartNew();
        s1.Kill();
        var survivor = await FirstAsync(Wait, s2, s3, "Saga rack-1-\\d{8}T\\d{6}: RESUMED from journal in phase 2");
        Output.WriteLine($"FAIL-OVER: saga resumed on {survivor} {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        var node = survivor == "s2" ? s2 : s3;
        await node.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE: 3 step\\(s\\): 2 succeeded, 1 timed out", Wait);

        Assert.Equal(
            [("1.1-vms-a1-stop-vms", "stop-vms", true), ("3.1-local-host-a1-poweroff", "poweroff", true)],
            Scenario.ActionLog("data-a1"));
        Assert.Equal(0, s2.Count("Saga rack-2-") + s3.Count("Saga rack-2-")); // the same episode, not a new one
    }

    private static async Task<string> FirstAsync(TimeSpan timeout, NodeProcess a, NodeProcess b, string pattern)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (a.Count(pattern) > 0) return "s2";
            if (b.Count(pattern) > 0) return "s3";
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no survivor logged /{pattern}/ within {timeout.TotalSeconds}s;\ns2:\n{a.Tail()}\ns3:\n{b.Tail()}");
    }
}
