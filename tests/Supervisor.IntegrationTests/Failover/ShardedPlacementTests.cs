namespace Supervisor.IntegrationTests.Failover;

/// <summary>
/// <c>placement.mode = sharded</c> with real processes: three supervisor nodes and one agent node sharing a real
/// PostgreSQL journal. The fleet (one NUT group on a real upsd plus simulated groups) is split into 6 partitions that
/// spread over all three nodes; <c>supervisor status</c> on any node merges them. Killing (-9) the node that runs the
/// NUT group mid-saga restarts its partitions on the survivors, where the saga resumes and no step runs twice.
/// </summary>
public sealed class ShardedPlacementTests(UpsdServer upsd, PostgresServer pg, ITestOutputHelper output)
    : ProcessClusterTest(output), IClassFixture<UpsdServer>, IClassFixture<PostgresServer>
{
    private const int Partitions = 6;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly Regex PartitionStarted = new(@"Supervisor partition (\d+)/6: watching", RegexOptions.Compiled);
    private static readonly Regex PartitionStopped = new(@"Supervisor partition (\d+)/6: stopped", RegexOptions.Compiled);

    [Fact]
    public async Task Partitions_should_spread_over_every_supervisor_node_and_a_killed_nodes_saga_should_resume_on_a_survivor_without_repeating_a_step()
    {
        await upsd.RestartAsync();
        var journal = await pg.CreateDatabaseAsync();
        var journalHocon = Hocon.PostgresJournal(journal);
        var simulated = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"sim-{i} {{ driver = simulated, profile = steady, poll-interval = 1s }}"));
        var simulatedGroups = string.Join("\n", Enumerable.Range(1, 8).Select(i =>
            $"g{i} {{ members = [sim-{i}], startup-grace = 3s, shutdown.phases = [ {Hocon.Phase("vms", Hocon.Step("a1", "stop-vms"))} ] }}"));
        var supervisor = Scenario.WriteConfig("supervisor.conf", Hocon.Supervisor("data-${?NODE}", Hocon.NutDevice(upsd.Port) + "\n" + simulated,
            Hocon.Group(Hocon.VmsStuckRemoteThenPoweroff("a1")) + "\n" + simulatedGroups,
            journalHocon + $"\nplacement {{ mode = sharded, partitions = {Partitions} }}"));
        var agent = Scenario.WriteConfig("agent.conf", Hocon.AgentNode("data-a1", "a1", journalHocon));

        var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPort.Free()).ToArray();
        var seed = $"127.0.0.1:{ports[0]}";
        var nodes = new[] { "s1", "s2", "s3" }.Select((name, i) =>
            Start(name, supervisor, ports[i], "--roles", "supervisor", "--data-dir", $"data-{name}", "--seed", seed)).ToArray();
        Start("a1", agent, ports[3], "--roles", "agent", "--seed", seed);
        await ClusterCli.WaitForUpAsync(ports[0], 4, Wait);

        // Spread: every supervisor node runs some partitions, and a status asked of the agent node (which hosts none)
        // answers for the whole fleet from all three.
        var status = await WaitForStatusAsync(ports[3], s => s.GetProperty("supervisorNode").GetString()!.Split(", ").Length == 3
                                                             && s.GetProperty("groups").EnumerateArray().All(g => !g.GetProperty("state").GetString()!.StartsWith("NO ANSWER")));
        Assert.Equal(["ups-1", .. Enumerable.Range(1, 8).Select(i => $"sim-{i}")], status.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(["rack", .. Enumerable.Range(1, 8).Select(i => $"g{i}")], status.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
        Assert.All(ports.Take(3), p => Assert.Contains($":{p}", status.GetProperty("supervisorNode").GetString()));
        await WaitForSteadyPlacementAsync(nodes);
        var running = Running(nodes);
        Output.WriteLine("PLACEMENT: " + string.Join("; ", running.Select((r, i) => $"s{i + 1} runs [{string.Join(",", r.Order())}]")));
        Assert.Equal(Enumerable.Range(0, Partitions), running.SelectMany(r => r).Order()); // each partition on exactly one node
        Assert.All(running, r => Assert.NotEmpty(r));

        // The rack group must be healthy before the outage, wherever it runs. A late rebalance can still move its partition
        // after that line (seen: a fourth node's join moved it 3 s later), so the node to kill is the one whose log shows
        // the saga's step, not the one where the group first started.
        await FirstAsync(nodes, "Group rack: STARTING -> HEALTHY");
        await upsd.SetStatusAsync("OB LB");
        var rackNode = await FirstAsync(nodes, "Saga rack-1-\\d{8}T\\d{6}: step 2.1-remote-hosts-unreachable-host-sync dispatched");
        Assert.Equal([("1.1-vms-a1-stop-vms", "stop-vms", true)], Scenario.ActionLog("data-a1"));

        var killedAt = Stopwatch.StartNew();
        rackNode.Kill();
        var survivors = nodes.Where(n => n != rackNode).ToArray();
        var resumedOn = await FirstAsync(survivors, "Saga rack-1-\\d{8}T\\d{6}: RESUMED from journal in phase 2");
        Output.WriteLine($"FAIL-OVER: saga resumed on a survivor {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        await resumedOn.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE: 3 step\\(s\\): 2 succeeded, 1 timed out", Wait);

        Assert.Equal(
            [("1.1-vms-a1-stop-vms", "stop-vms", true), ("3.1-local-host-a1-poweroff", "poweroff", true)],
            Scenario.ActionLog("data-a1"));
        Assert.Equal(0, survivors.Sum(n => n.Count("Saga rack-2-"))); // the same episode, not a new one
        Assert.Equal(0, survivors.Sum(n => n.Count("Saga g\\d-"))); // the steady groups never lost quorum, moved or not

        // Every partition runs again, on the two survivors only, and status still answers for the whole fleet.
        var after = await WaitForStatusAsync(ports[3], s => s.GetProperty("supervisorNode").GetString()!.Split(", ").Length == 2
                                                            && s.GetProperty("groups").EnumerateArray().All(g => !g.GetProperty("state").GetString()!.StartsWith("NO ANSWER")));
        Assert.DoesNotContain($":{rackNode.Port}", after.GetProperty("supervisorNode").GetString());
        Assert.Equal(9, after.GetProperty("devices").GetArrayLength());
    }

    /// <summary>Partitions each node runs now: started, minus those it handed off, from its log.</summary>
    private static List<HashSet<int>> Running(NodeProcess[] nodes) => nodes.Select(n =>
    {
        var set = new HashSet<int>();
        foreach (var line in n.Lines)
        {
            if (PartitionStarted.Match(line) is { Success: true } m) set.Add(int.Parse(m.Groups[1].Value));
            else if (PartitionStopped.Match(line) is { Success: true } h) set.Remove(int.Parse(h.Groups[1].Value));
        }
        return set;
    }).ToList();

    /// <summary>Rebalancing is done when all partitions are placed once and nothing changed for 5 s.</summary>
    private static async Task WaitForSteadyPlacementAsync(NodeProcess[] nodes)
    {
        var until = DateTime.UtcNow + Wait;
        string? last = null;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < until)
        {
            var now = string.Join("|", Running(nodes).Select(r => string.Join(",", r.Order())));
            if (now != last) (last, since) = (now, DateTime.UtcNow);
            else if (DateTime.UtcNow - since > TimeSpan.FromSeconds(5) && Running(nodes).Sum(r => r.Count) == Partitions) return;
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"placement did not settle within {Wait.TotalSeconds}s; last: {last}");
    }

    private static async Task<System.Text.Json.JsonElement> WaitForStatusAsync(int port, Func<System.Text.Json.JsonElement, bool> done)
    {
        var until = DateTime.UtcNow + Wait;
        CliProcess.Result? last = null;
        while (DateTime.UtcNow < until)
        {
            last = await CliProcess.RunAsync("status", "--json", "--node", $"127.0.0.1:{port}");
            if (last.ExitCode == 0 && done(last.Json)) return last.Json;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"status via :{port} not as expected within {Wait.TotalSeconds}s; last: {last?.Stdout}{last?.Stderr}");
    }

    private static async Task<NodeProcess> FirstAsync(NodeProcess[] nodes, string pattern)
    {
        var until = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < until)
        {
            if (nodes.FirstOrDefault(n => n.Count(pattern) > 0) is { } node) return node;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no node logged /{pattern}/ within {Wait.TotalSeconds}s;\n" + string.Join("\n", nodes.Select(n => n.Tail())));
    }
}
