namespace Supervisor.IntegrationTests.Failover;

/// <summary>
/// What the network-partition tests share: four nodes in this process, built by the production wiring — supervisors
/// a, b and c, and agent d (host <c>d</c>, dry-run) — on one fresh PostgreSQL journal and one real upsd, the group's
/// two phases both on host d, the network between them cut per link with Akka.Remote's throttler
/// (<see cref="NetworkPartition"/>); and the checks that the saga the minority started was finished once by the majority.
/// </summary>
public abstract class PartitionFleetTest(UpsdServer upsd, PostgresServer pg, ITestOutputHelper output) : InProcessClusterTest(output)
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    protected const string StepVms = "1.1-vms-d-stop-vms", StepPoweroff = "2.1-local-host-d-poweroff";
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    protected UpsdServer Upsd => upsd;

    protected sealed record FourNodes(InProcessNode A, InProcessNode B, InProcessNode C, InProcessNode D, string Journal);

    /// <summary>
    /// A, then B, C and D joining it; returns once all four are Up in every node's view. <paramref name="supervisorExtra"/>
    /// goes into the supervisors' config (placement, say).
    /// </summary>
    protected async Task<FourNodes> StartFourNodesAsync(string supervisorExtra = "")
    {
        await upsd.RestartAsync();
        var journal = await pg.CreateDatabaseAsync();
        var journalHocon = Hocon.PostgresJournal(journal);
        var supervisorConf = Scenario.WriteConfig("supervisor.conf", Hocon.Supervisor("data", Hocon.NutDevice(upsd.Port),
                Hocon.Group(Hocon.VmsThenPoweroff("d", "60s")), journalHocon + supervisorExtra)
            + "\n" + NetworkPartition.Akka);
        var agentConf = Scenario.WriteConfig("agent.conf", Hocon.AgentNode("data", "d", journalHocon) + "\n" + NetworkPartition.Akka);

        var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPort.Free()).ToArray();
        string[] seeds = [$"{NetworkPartition.Scheme}://{ClusterNames.SystemName}@127.0.0.1:{ports[0]}"];

        var a = await StartNodeAsync("a", supervisorConf, ports[0], ClusterNames.Roles.Supervisor, seeds);
        // A's group has recovered, so the journal tables exist before the others start (no concurrent CREATE TABLE).
        await UntilAsync(() => a.UpMembers() == 1 && a.Count("^Group rack: starting") > 0, "A Up on its own, its group recovered from the journal");
        var others = await Task.WhenAll(
            StartNodeAsync("b", supervisorConf, ports[1], ClusterNames.Roles.Supervisor, seeds),
            StartNodeAsync("c", supervisorConf, ports[2], ClusterNames.Roles.Supervisor, seeds),
            StartNodeAsync("d", agentConf, ports[3], ClusterNames.Roles.Agent, seeds));
        await UntilAsync(() => Nodes.All(n => n.UpMembers() == 4), "all four nodes Up in every node's view");
        return new FourNodes(a, others[0], others[1], others[2], journal);
    }

    /// <summary>Called as each supervisor node has started, before any other starts after it.</summary>
    protected virtual void SupervisorStarted(InProcessNode node) { }

    private async Task<InProcessNode> StartNodeAsync(string name, string config, int port, string role, string[] seeds)
    {
        var node = await StartClusterNodeAsync(name, config, port, role, seeds);
        if (role == ClusterNames.Roles.Supervisor) SupervisorStarted(node);
        return node;
    }

    // ---- the shared checks ---------------------------------------------------------------------------------

    /// <summary>The id of the saga <paramref name="minority"/> started before it downed itself; fails unless it also dispatched the first step.</summary>
    protected static string SagaStartedAndDispatchedBy(InProcessNode minority)
    {
        var started = minority.Lines.Select(l => Regex.Match(l.Message, @"^Saga (rack-1-\S+): STARTED")).FirstOrDefault(m => m.Success);
        Assert.True(started is not null, $"{minority.Name} never started the saga before downing itself:\n{minority.Tail()}");
        var sagaId = started!.Groups[1].Value;
        Assert.True(minority.Count($"^Saga {Regex.Escape(sagaId)}: step {StepVms} dispatched") > 0,
            $"{minority.Name} started the saga but dispatched nothing:\n{minority.Tail()}");
        return sagaId;
    }

    /// <summary>
    /// The saga's events came from two writers, one after the other: sequence numbers gapless and not interleaved, the
    /// first writer's last event written by <paramref name="firstEndsBy"/>, the second's first not before <paramref name="secondStartsAfter"/>.
    /// </summary>
    protected static void AssertTwoWritersInTurn(IReadOnlyList<JournalRow> rows, DateTime firstEndsBy, string firstLate, DateTime secondStartsAfter, string secondEarly)
    {
        var writers = JournalRow.Writers(rows);
        Assert.Equal(2, writers.Count);
        Assert.Equal(rows.Select(r => r.SequenceNr).Order(), Enumerable.Range(1, rows.Count).Select(i => (long)i)); // gapless, no duplicates
        Assert.Equal(writers[0].Rows[^1].SequenceNr + 1, writers[1].Rows[0].SequenceNr); // no interleaving
        Assert.True(writers[0].Rows[^1].CreatedUtc <= firstEndsBy, firstLate);
        Assert.True(writers[1].Rows[0].CreatedUtc >= secondStartsAfter, secondEarly);
    }

    /// <summary>Agent d ran each step of <paramref name="sagaId"/> once, in order, and every ExecuteStep it got came from <paramref name="sender"/>.</summary>
    protected void AssertAgentRanEachStepOnceFor(AgentTopicSpy spy, string sagaId, InProcessNode sender)
    {
        Assert.Equal([(sagaId, StepVms), (sagaId, StepPoweroff)], Scenario.SagaSteps("data-d"));
        Assert.All(spy.All, r => Assert.Equal(sender.Address.ToString(), r.FromNode));
        Assert.Equal([StepVms, StepPoweroff], spy.All.Select(r => r.Step.StepId).Distinct());
    }

    // ---- waits -----------------------------------------------------------------------------------------------

    protected async Task<SagaView> WaitForCompletedSagaAsync(InProcessNode m)
    {
        SagaView? done = null;
        await UntilAsync(async () =>
        {
            done = (await Eventually.AskInspectorAsync<object>(m, SagaListRequest.Instance) as SagaListView)?.Sagas.FirstOrDefault(s => s.Status == "COMPLETED");
            return done is not null;
        }, $"a COMPLETED saga in the journal, as {m.Name} reads it");
        return done!;
    }

    /// <summary>Group rack as <paramref name="node"/> reports it, or a placeholder while the node has no answer or no such group.</summary>
    protected static async Task<GroupView> GroupAsync(InProcessNode node)
    {
        var status = await Eventually.AskInspectorAsync<object>(node, StatusRequest.Instance);
        return status is StatusView s && s.Groups.SingleOrDefault(g => g.Id == "rack") is { } g
            ? g
            : new GroupView("rack", $"no status: {status}", 0, null, null, 1, 1, null);
    }

    protected Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    protected Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(condition, what, Wait, Nodes);

    protected void Note(string text)
    {
        try { Output.WriteLine($"==== [{_clock.Elapsed.TotalSeconds,6:0.0}s] {text}"); } catch (InvalidOperationException) { }
    }
}
