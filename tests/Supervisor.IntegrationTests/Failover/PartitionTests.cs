using Akka.Cluster.Tools.PublishSubscribe;

namespace Supervisor.IntegrationTests.Failover;

/// <summary>
/// Network partitions: "a partition test proves only one side ever runs a saga".
///
/// <para><b>Setup.</b> Four nodes in this process, each an IHost built by the production wiring
/// (NodeConfigurationBuilder + SupervisorNodeHost, cluster.hocon's split-brain resolver and fail-over tuning
/// unchanged; the only test-specific key is the throttler adapter): supervisors A (oldest, runs the singleton),
/// B and C, and agent D (host <c>d</c>, dry-run). In-process rather than real processes so that the network
/// can be cut per link from the test and every node's timestamps come from one clock. They
/// share one fresh PostgreSQL journal and watch one real upsd; the group's two phases both run on host d. The
/// network between A and {B, C, D} is cut with Akka.Remote's throttler adapter (blackhole both ways, see
/// <see cref="NetworkPartition"/>); PostgreSQL and upsd stay reachable from both sides, as they would on a
/// real split switch — the worst case, since A could keep writing to the shared journal.</para>
///
/// <para><b>What "only one side ever runs a saga" means, and how it is proven.</b> At no time do the two
/// sides both run the supervisor, and an episode's saga is run to its end exactly once:</para>
/// <list type="number">
/// <item>No concurrent singletons: every node's <c>/user/supervisor/singleton</c> is watched on one clock
/// (<see cref="SingletonTimeline"/>, conservative bounds); no two lifetimes on different nodes overlap, and the
/// majority's singleton was created only after A's had stopped (its groups and sagas are its children).</item>
/// <item>One saga in the shared journal: exactly one <c>saga-…</c> persistence id, its events written by
/// writers (persistent-actor incarnations) whose sequence numbers do not interleave — the majority's writer
/// starts where A's ended, and only after A's singleton stopped; the group journaled one episode.</item>
/// <item>The agent ran each step once, in order: D's action log holds each step of that saga exactly once, and
/// every <see cref="ExecuteStep"/> that reached D came from the majority's node — none from A.</item>
/// </list>
/// <para>Every wait is on observable state (cluster membership, singleton identity, inspector answers, journal
/// rows), never a fixed sleep. Cleanup stops every node and checks that their transport threads end too.</para>
/// </summary>
public sealed class PartitionTests(UpsdServer upsd, PostgresServer pg, ITestOutputHelper output)
    : PartitionFleetTest(upsd, pg, output), IClassFixture<UpsdServer>, IClassFixture<PostgresServer>
{
    private readonly SingletonTimeline _singletons = new();
    private Fleet? _fleet;

    private sealed record Fleet(InProcessNode A, InProcessNode B, InProcessNode C, InProcessNode D, AgentTopicSpy Spy, string Journal)
    {
        public InProcessNode[] Majority => [B, C, D];
    }

    public override Task InitializeAsync()
    {
        Note($"threads at start: {ThreadNames()}");
        return Task.CompletedTask;
    }

    protected override async Task StopNodesAsync()
    {
        var stopping = Stopwatch.StartNew();
        if (_fleet is { A.IsTerminated: false } f) // the test failed before A downed itself: let it leave like the rest
            await NetworkPartition.HealAsync([f.A], f.Majority);
        // The nodes without the singleton leave first, then its holder alone: stopping all at once makes the holder
        // hand over to a node that is itself leaving, and wait out cluster-exiting (10 s).
        var holder = _singletons.Lifetimes.LastOrDefault(l => l.StoppedBy is null)?.Node;
        await Task.WhenAll(Nodes.Where(n => n.Name != holder).Select(n => n.StopAsync()));
        await Task.WhenAll(Nodes.Where(n => n.Name == holder).Select(n => n.StopAsync()));
        Environment.ExitCode = 0; // Akka.Hosting sets -1 when a node is downed: that is the node's exit code, not the test run's
        Assert.All(Nodes, n => Assert.True(n.IsTerminated, $"{n.Name}'s ActorSystem is still running"));
        Note($"cleanup: {Nodes.Count} node(s) stopped in {stopping.Elapsed.TotalSeconds:0.0}s; threads: {ThreadNames()}");

        // Each node's DotNetty transport ends its event-loop threads ("SingleThreadEventExecutor") on its own,
        // measured ~15 s after its ActorSystem terminated; none may outlive that. (Thread-pool threads are the
        // runtime's and idle out by themselves.)
        var lingering = Stopwatch.StartNew();
        while (lingering.Elapsed < LingerLimit && NodeThreads() > 0) await Task.Delay(100);
        Note($"{lingering.Elapsed.TotalSeconds:0.0}s later: threads: {ThreadNames()}");
        Assert.True(NodeThreads() == 0, $"threads of the stopped nodes still running {LingerLimit.TotalSeconds:0}s after they stopped: {ThreadNames()}");
    }

    private static readonly TimeSpan LingerLimit = TimeSpan.FromSeconds(30);

    private static int NodeThreads() => Directory.GetDirectories("/proc/self/task").Select(ThreadName).Count(n => n?.StartsWith("SingleThreadEve") == true);

    [Fact]
    public async Task Minority_holding_the_singleton_downs_itself_before_the_majority_takes_over_and_only_the_majority_runs_the_saga()
    {
        var f = await StartFleetAsync();

        var split = await SplitAsync(f);
        var aDown = await f.A.Terminated.WaitAsync(Wait);
        var takeover = await _singletons.WaitForStartAsync(l => l.Node is "b" or "c", Wait);
        var m = takeover.Node == "b" ? f.B : f.C;
        Note($"partition -> A's ActorSystem terminated: {Since(split, aDown)}; -> majority singleton on {m.Name} (created after {Since(split, takeover.StartedAfter)}, seen {Since(split, takeover.SeenAt)})");

        await WaitForGroupAsync(m, g => g.State == "HEALTHY", "HEALTHY on the majority");
        var flip = DateTime.UtcNow;
        await Upsd.SetStatusAsync("OB LB");
        var saga = await WaitForCompletedSagaAsync(m);
        Note($"OB LB -> saga {saga.SagaId} COMPLETE on {m.Name}: {Since(flip, saga.EndedAt!.Value.UtcDateTime)}");

        await AssertOneSagaRanOnceAsync(f, m, saga.SagaId);
        var rows = await JournalRow.ReadAsync(f.Journal, "saga-");
        Assert.Single(JournalRow.Writers(rows)); // one incarnation wrote the whole saga: it never moved, never ran twice
        Assert.Equal(0, f.A.Count("^Saga ")); // A never began or dispatched anything: it was gone before the outage
        AssertSingletonHandOver(f.A, m);
    }

    [Fact]
    public async Task Outage_during_the_partition_is_started_by_the_minority_but_finished_once_by_the_majority_under_the_same_saga_id()
    {
        var f = await StartFleetAsync();

        // The outage starts as the network splits. A polls upsd every second but needs >= 4 s (heartbeat pause
        // 2 s + stable-after 2 s) to down itself, so A starts the episode's saga and dispatches its first step
        // into the blackhole; the majority must resume that very saga, not start a second one.
        var split = await SplitAsync(f, alsoAtOnce: () => Upsd.SetStatusAsync("OB LB"));
        var aDown = await f.A.Terminated.WaitAsync(Wait);
        var takeover = await _singletons.WaitForStartAsync(l => l.Node is "b" or "c", Wait);
        var m = takeover.Node == "b" ? f.B : f.C;
        Note($"partition -> A's ActorSystem terminated: {Since(split, aDown)}; -> majority singleton on {m.Name} (created after {Since(split, takeover.StartedAfter)}, seen {Since(split, takeover.SeenAt)})");

        var sagaId = SagaStartedAndDispatchedBy(f.A);

        var saga = await WaitForCompletedSagaAsync(m);
        Note($"partition -> saga {saga.SagaId} COMPLETE on {m.Name}: {Since(split, saga.EndedAt!.Value.UtcDateTime)}");
        Assert.Equal(sagaId, saga.SagaId); // the same saga id A started: resumed, not restarted
        Assert.True(m.Count($"^Saga {Regex.Escape(sagaId)}: RESUMED from journal") > 0, $"{m.Name} did not resume {sagaId}:\n{m.Tail()}");

        await AssertOneSagaRanOnceAsync(f, m, sagaId);

        // Two writers, A's then the majority's, one after the other: A's last event is before its singleton
        // (and so the saga, its grandchild) had stopped; the majority's first is after its singleton was created.
        var rows = await JournalRow.ReadAsync(f.Journal, "saga-");
        var writers = JournalRow.Writers(rows);
        Note("saga journal writers: " + string.Join("; ", writers.Select(w =>
            $"{w.Writer[..8]} seq {w.Rows[0].SequenceNr}-{w.Rows[^1].SequenceNr} at {w.Rows[0].CreatedUtc:HH:mm:ss.fff}-{w.Rows[^1].CreatedUtc:HH:mm:ss.fff}")) +
            $"; journal writes A had rejected: {f.A.Count("^Failed to persist")}");
        var aStopped = _singletons.On("a").Single().StoppedBy!.Value;
        AssertTwoWritersInTurn(rows, aStopped, $"A wrote saga events after its singleton stopped ({aStopped:HH:mm:ss.fff})",
            takeover.StartedAfter, "the majority wrote saga events before its singleton existed");
        AssertSingletonHandOver(f.A, m);
    }

    // ---- setup -------------------------------------------------------------------------------------------

    /// <summary>A, then B, C and D joining it; returns once all four are Up, A's group is HEALTHY and every supervisor knows agent d's topic.</summary>
    private async Task<Fleet> StartFleetAsync()
    {
        var (a, b, c, d, journal) = await StartFourNodesAsync();

        var first = await _singletons.WaitForStartAsync(_ => true, Wait);
        Assert.Equal("a", first.Node);
        await WaitForGroupAsync(a, g => g.State == "HEALTHY", "HEALTHY on A");
        await UntilAsync(() => d.Count("^Agent d: ready") > 0, "agent d ready");
        var spy = await AgentTopicSpy.SubscribeAsync(d, "d");
        foreach (var s in new[] { a, b, c })
            await UntilAsync(async () => (await DistributedPubSub.Get(s.System).Mediator.Ask<CurrentTopics>(GetTopics.Instance, TimeSpan.FromSeconds(5)))
                .Topics.Any(t => Uri.UnescapeDataString(Uri.UnescapeDataString(t)) == ClusterNames.Topics.Agent("d")), $"{s.Name} knows topic agent/d");
        // (GetTopics answers with the topic actor's URL-encoded name, escaped once more: "agent%252Fd".)
        Note("fleet ready: A runs the singleton, B, C and D joined, the group is HEALTHY, agent d's topic is known everywhere");
        return _fleet = new Fleet(a, b, c, d, spy, journal);
    }

    protected override void SupervisorStarted(InProcessNode node) => _singletons.Watch(node);

    /// <summary>Cuts {A} | {B, C, D} (and runs <paramref name="alsoAtOnce"/> at the same moment); returns when the cut was made.</summary>
    private async Task<DateTime> SplitAsync(Fleet f, Func<Task>? alsoAtOnce = null)
    {
        var at = DateTime.UtcNow;
        await Task.WhenAll(NetworkPartition.SplitAsync([f.A], f.Majority), alsoAtOnce?.Invoke() ?? Task.CompletedTask);
        Note($"partition {{a}} | {{b, c, d}} at {at:HH:mm:ss.fff}{(alsoAtOnce is null ? "" : ", upsd OB LB at the same moment")}");
        return at;
    }

    // ---- the shared assertions ---------------------------------------------------------------------------

    /// <summary>A's singleton stopped before the majority's was created, and no two singleton lifetimes ever overlapped.</summary>
    private void AssertSingletonHandOver(InProcessNode a, InProcessNode m)
    {
        Note("singleton lifetimes:\n" + _singletons);
        var onA = Assert.Single(_singletons.On(a.Name));
        var onM = Assert.Single(_singletons.On(m.Name));
        Assert.True(onA.StoppedBy is { } stopped && stopped < onM.StartedAfter,
            $"the majority's singleton may have started before A's stopped:\n{_singletons}");
        Note($"gap between A's singleton stopped and {m.Name}'s created: >= {(onM.StartedAfter - onA.StoppedBy!.Value).TotalSeconds:0.000}s");
        Assert.Empty(_singletons.Overlaps());
    }

    /// <summary>The journal holds exactly one saga, completed; D ran each of its steps once, in order, all sent by the majority.</summary>
    private async Task AssertOneSagaRanOnceAsync(Fleet f, InProcessNode m, string sagaId)
    {
        var sagas = (await Eventually.AskInspectorAsync<SagaListView>(m, SagaListRequest.Instance)).Sagas;
        var saga = Assert.Single(sagas);
        Assert.Equal((sagaId, "COMPLETED", 2, 2), (saga.SagaId, saga.Status, saga.Steps, saga.Succeeded));
        var rows = await JournalRow.ReadAsync(f.Journal, "saga-");
        Assert.Equal([$"saga-{sagaId}"], rows.Select(r => r.PersistenceId).Distinct());
        Assert.Equal(1, (await GroupAsync(m)).Episode); // one episode journaled by the group, on either side

        var received = f.Spy.All;
        Note($"ExecuteStep messages that reached D: {string.Join("; ", received.Select(r => $"{r.Step.StepId} #{r.Step.Attempt} from {NameOf(f, r.FromNode)}"))}");
        AssertAgentRanEachStepOnceFor(f.Spy, sagaId, m);
        Assert.DoesNotContain(received, r => r.FromNode == f.A.Address.ToString());
        Assert.All(received, r => Assert.Equal(sagaId, r.Step.SagaId));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private async Task WaitForGroupAsync(InProcessNode node, Func<GroupView, bool> condition, string what) =>
        await UntilAsync(async () => condition(await GroupAsync(node)), $"group rack {what}");

    /// <summary>Names of this process's threads (Linux: /proc/self/task/*/comm), counted.</summary>
    private static string ThreadNames() =>
        string.Join(", ", Directory.GetDirectories("/proc/self/task").Select(ThreadName).OfType<string>()
            .GroupBy(n => n).OrderBy(g => g.Key).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}"));

    private static string? ThreadName(string task)
    {
        try { return File.ReadAllText(Path.Combine(task, "comm")).Trim(); }
        catch (IOException) { return null; } // the thread ended meanwhile
    }

    private static string NameOf(Fleet f, string address) =>
        new[] { f.A, f.B, f.C, f.D }.FirstOrDefault(n => n.Address.ToString() == address)?.Name ?? address;

    private static string Since(DateTime from, DateTime to) => $"{(to - from).TotalSeconds:0.0}s";
}
