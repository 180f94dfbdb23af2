namespace Supervisor.IntegrationTests.Failover;

/// <summary>
/// A network partition with <c>placement.mode = sharded</c>: "only one side ever runs a saga" when the group's partition
/// can run on any supervisor node. Supervisors A, B, C and agent D in this process (production wiring, like
/// <see cref="PartitionTests"/>), one real PostgreSQL journal, one real upsd; the fleet has 3 partitions, so after
/// rebalancing each supervisor runs one. The node X running the NUT group's partition is cut off from the rest at
/// the moment the UPS goes OB LB: X starts the saga and dispatches into the blackhole, downs itself (SBR), and the
/// majority restarts the partition, resumes that saga and finishes it. Proven on one clock and in the journal:
/// X's ActorSystem had terminated before the majority started the partition; the saga's events come from two writers,
/// X's then the majority's, without interleaving; D ran each step once, every ExecuteStep from the majority.
/// </summary>
public sealed class ShardedPartitionTests(UpsdServer upsd, PostgresServer pg, ITestOutputHelper output)
    : PartitionFleetTest(upsd, pg, output), IClassFixture<UpsdServer>, IClassFixture<PostgresServer>
{
    private static readonly Regex RackPartitionStarted = new(@"^Supervisor partition (\d+)/3: watching 1 device", RegexOptions.Compiled);

    protected override async Task StopNodesAsync()
    {
        await Task.WhenAll(Nodes.Where(n => !n.IsTerminated).Select(n => n.StopAsync()));
        Environment.ExitCode = 0; // a downed node sets -1: that is the node's exit code, not the test run's
    }

    [Fact]
    public async Task Minority_running_the_groups_partition_downs_itself_before_the_majority_restarts_it_and_the_saga_runs_once()
    {
        var (a, b, c, d, journal) = await StartFourNodesAsync("\nplacement { mode = sharded, partitions = 3 }");
        await UntilAsync(() => d.Count("^Agent d: ready") > 0, "agent d ready");
        var spy = await AgentTopicSpy.SubscribeAsync(d, "d");
        var supervisors = new[] { a, b, c };
        await UntilAsync(() => supervisors.All(n => n.Count("^Supervisor partition \\d/3: watching") > 0), "every supervisor runs a partition");

        // X: where the group's partition runs once placement is steady (no start or stop anywhere for 5 s) and the group is HEALTHY.
        var x = await WaitForSteadyRackHostAsync(supervisors);
        var majority = Nodes.Where(n => n != x).ToArray();
        await UntilAsync(async () => (await GroupAsync(x)).State == "HEALTHY", $"group rack HEALTHY on {x.Name}");
        Note($"placement steady: the group's partition runs on {x.Name}; cutting {{{x.Name}}} | {{{string.Join(", ", majority.Select(n => n.Name))}}} with OB LB at once");

        var split = DateTime.UtcNow;
        await Task.WhenAll(NetworkPartition.SplitAsync([x], majority), Upsd.SetStatusAsync("OB LB"));
        var xDown = await x.Terminated.WaitAsync(Wait);
        Note($"partition -> {x.Name}'s ActorSystem terminated after {(xDown - split).TotalSeconds:0.0}s");

        var sagaId = SagaStartedAndDispatchedBy(x);

        var m = majority.First(n => n != d);
        var done = await WaitForCompletedSagaAsync(m);
        Assert.Equal(sagaId, done.SagaId); // resumed, not restarted under a new id
        var resumedOn = majority.Single(n => n.Count($"^Saga {Regex.Escape(sagaId)}: RESUMED from journal") > 0);
        var restart = resumedOn.Lines.Where(l => l.At > split && RackPartitionStarted.IsMatch(l.Message)).Min(l => l.At);
        Note($"partition -> group's partition restarted on {resumedOn.Name} after {(restart - split).TotalSeconds:0.0}s; saga COMPLETE after {(done.EndedAt!.Value.UtcDateTime - split).TotalSeconds:0.0}s");

        // No overlap: X's whole ActorSystem (and so its partition) was gone before the majority started the partition.
        Assert.True(xDown < restart, $"{resumedOn.Name} started the group's partition at {restart:HH:mm:ss.fff}, before {x.Name} terminated at {xDown:HH:mm:ss.fff}");

        // One saga, two writers one after the other: X's before it terminated, the majority's after its partition started.
        var rows = await JournalRow.ReadAsync(journal, "saga-");
        Assert.Equal([$"saga-{sagaId}"], rows.Select(r => r.PersistenceId).Distinct());
        AssertTwoWritersInTurn(rows, xDown, $"{x.Name} wrote saga events after it terminated",
            restart, "the majority wrote saga events before its partition started");
        Assert.Equal(1, (await GroupAsync(m)).Episode);

        // D ran each step once, in order, and every request it got came from the node that resumed the saga.
        AssertAgentRanEachStepOnceFor(spy, sagaId, resumedOn);
    }

    /// <summary>The node whose latest start of the group's partition was not followed by its stop, once nothing moved for 5 s.</summary>
    private async Task<InProcessNode> WaitForSteadyRackHostAsync(InProcessNode[] supervisors)
    {
        InProcessNode? host = null;
        await UntilAsync(() =>
        {
            var moves = supervisors.SelectMany(n => n.Lines).Where(l => Regex.IsMatch(l.Message, @"^Supervisor partition \d/3: (watching|stopped)")).ToList();
            if (moves.Count == 0 || DateTime.UtcNow - moves.Max(l => l.At) < TimeSpan.FromSeconds(5)) return false;
            var rack = moves.Select(l => RackPartitionStarted.Match(l.Message)).First(m => m.Success).Groups[1].Value; // the one with the NUT device
            var own = new Regex($"^Supervisor partition {rack}/3: (watching|stopped)");
            var hosts = supervisors.Where(n => n.Lines.LastOrDefault(l => own.IsMatch(l.Message)) is { } last && last.Message.Contains(": watching")).ToList();
            host = hosts.Count == 1 ? hosts[0] : null;
            return host is not null;
        }, "placement steady for 5 s with the group's partition on exactly one node");
        return host!;
    }
}
