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
        var journalHocon = Hocon.PostgresJournal(journal);
        // Phase 2 waits on a host with no agent: the kill lands while the saga is there.
        var supervisor = Scenario.WriteConfig("supervisor.conf", Hocon.Supervisor("data-${?NODE}", Hocon.NutDevice(upsd.Port),
            Hocon.Group(Hocon.VmsStuckRemoteThenPoweroff("a1")),
            journalHocon));
        var agent = Scenario.WriteConfig("agent.conf", Hocon.AgentNode("data-a1", "a1", journalHocon));

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
        await AssertHistoryContinuousAsync(journal, killedAt.Elapsed);
    }

    /// <summary>
    /// The shared history (PostgreSQL stats_* tables) across the fail-over: every journaled saga event stored once, none
    /// missing (what s1 journaled but never wrote is re-published by the survivor's recovered saga), one outcome per step,
    /// and the UPS's samples continue on the survivor after a gap no longer than the fail-over itself.
    /// </summary>
    private async Task AssertHistoryContinuousAsync(string connectionString, TimeSpan sinceKill)
    {
        await using var db = new Npgsql.NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var events = new List<(string Id, string Kind)>();
        // The survivor's writer flushes every 250 ms: give it a moment after COMPLETE.
        for (var tries = 0; tries < 20 && !events.Any(e => e.Kind == "saga.completed"); tries++, await Task.Delay(250))
        {
            events.Clear();
            await using var q = new Npgsql.NpgsqlCommand("SELECT id, kind FROM stats_events WHERE saga_id LIKE 'rack-1-%' AND kind LIKE 'saga.%' ORDER BY time, id", db);
            await using var r = await q.ExecuteReaderAsync();
            while (await r.ReadAsync()) events.Add((r.GetString(0), r.GetString(1)));
        }
        Output.WriteLine(string.Join("\n", events.Select(e => $"{e.Id} {e.Kind}")));
        var sequence = events.Select(e => int.Parse(e.Id[(e.Id.LastIndexOf('#') + 1)..])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count), sequence); // gapless: #1 … #N, each once
        Assert.Equal(2, events.Count(e => e.Kind == "saga.step-succeeded"));
        Assert.Equal(1, events.Count(e => e.Kind == "saga.step-timed-out"));
        Assert.Equal(1, events.Count(e => e.Kind == "saga.completed"));

        await using var samples = new Npgsql.NpgsqlCommand(
            "SELECT s.time FROM stats_samples s JOIN stats_series x ON x.id = s.series WHERE x.subject_id = 'ups-1' AND x.metric = 'health' ORDER BY s.time", db);
        var times = new List<long>();
        await using (var r = await samples.ExecuteReaderAsync())
            while (await r.ReadAsync()) times.Add(r.GetInt64(0));
        var killedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)sinceKill.TotalMilliseconds;
        Assert.Contains(times, t => t < killedAtMs); // s1 wrote before it died
        Assert.Contains(times, t => t > killedAtMs); // the survivor goes on
        var longestGap = TimeSpan.FromMilliseconds(times.Zip(times.Skip(1), (a, b) => b - a).Max());
        Output.WriteLine($"HISTORY: {times.Count} health samples, longest gap {longestGap.TotalSeconds:0.0} s (the fail-over)");
        Assert.True(longestGap < TimeSpan.FromSeconds(20), $"a {longestGap.TotalSeconds:0.0} s hole in the history");
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
