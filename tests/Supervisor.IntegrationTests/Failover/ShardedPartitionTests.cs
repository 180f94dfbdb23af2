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
    : IClassFixture<UpsdServer>, IClassFixture<PostgresServer>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string StepVms = "1.1-vms-d-stop-vms", StepPoweroff = "2.1-local-host-d-poweroff";
    private static readonly Regex RackPartitionStarted = new(@"^Supervisor partition (\d+)/3: watching 1 device", RegexOptions.Compiled);
    private readonly Scenario _scenario = new();
    private readonly List<InProcessNode> _nodes = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_nodes.Where(n => !n.IsTerminated).Select(n => n.StopAsync()));
            Environment.ExitCode = 0; // a downed node sets -1: that is the node's exit code, not the test run's
        }
        finally
        {
            _scenario.Dispose();
        }
    }

    [Fact]
    public async Task Minority_running_the_groups_partition_downs_itself_before_the_majority_restarts_it_and_the_saga_runs_once()
    {
        await upsd.RestartAsync();
        var journal = await pg.CreateDatabaseAsync();
        var journalHocon = $"journal {{ provider = postgresql, connection-string = \"{journal}\" }}";
        var supervisorConf = _scenario.WriteConfig("supervisor.conf", Hocon.Supervisor("data", Hocon.NutDevice(upsd.Port),
                Hocon.Group(string.Join(",\n", Hocon.Phase("vms", Hocon.Step("d", "stop-vms", "60s")),
                    Hocon.Phase("local-host", Hocon.Step("d", "poweroff", "60s")))),
                journalHocon + "\nplacement { mode = sharded, partitions = 3 }")
            + "\n" + NetworkPartition.Akka);
        var agentConf = _scenario.WriteConfig("agent.conf",
            $"supervisor {{ data-dir = \"data\"\n{journalHocon}\n{Hocon.Agent("d")} }}\n{NetworkPartition.Akka}");
        var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPort.Free()).ToArray();
        string[] seeds = [$"{NetworkPartition.Scheme}://{ClusterNames.SystemName}@127.0.0.1:{ports[0]}"];

        var a = await StartNodeAsync("a", supervisorConf, ports[0], ClusterNames.Roles.Supervisor, seeds);
        await UntilAsync(() => a.UpMembers() == 1 && a.Count("^Group rack: starting") > 0, "A Up on its own, its group recovered from the journal");
        var others = await Task.WhenAll(
            StartNodeAsync("b", supervisorConf, ports[1], ClusterNames.Roles.Supervisor, seeds),
            StartNodeAsync("c", supervisorConf, ports[2], ClusterNames.Roles.Supervisor, seeds),
            StartNodeAsync("d", agentConf, ports[3], ClusterNames.Roles.Agent, seeds));
        var d = others[2];
        await UntilAsync(() => _nodes.All(n => n.UpMembers() == 4), "all four nodes Up in every node's view");
        await UntilAsync(() => d.Count("^Agent d: ready") > 0, "agent d ready");
        var spy = await AgentTopicSpy.SubscribeAsync(d, "d");
        var supervisors = new[] { a, others[0], others[1] };
        await UntilAsync(() => supervisors.All(n => n.Count("^Supervisor partition \\d/3: watching") > 0), "every supervisor runs a partition");

        // X: where the group's partition runs once placement is steady (no start or stop anywhere for 5 s) and the group is HEALTHY.
        var x = await WaitForSteadyRackHostAsync(supervisors);
        var majority = _nodes.Where(n => n != x).ToArray();
        await UntilAsync(async () => (await GroupAsync(x)).State == "HEALTHY", $"group rack HEALTHY on {x.Name}");
        Note($"placement steady: the group's partition runs on {x.Name}; cutting {{{x.Name}}} | {{{string.Join(", ", majority.Select(n => n.Name))}}} with OB LB at once");

        var split = DateTime.UtcNow;
        await Task.WhenAll(NetworkPartition.SplitAsync([x], majority), upsd.SetStatusAsync("OB LB"));
        var xDown = await x.Terminated.WaitAsync(Wait);
        Note($"partition -> {x.Name}'s ActorSystem terminated after {(xDown - split).TotalSeconds:0.0}s");

        var started = x.Lines.Select(l => Regex.Match(l.Message, @"^Saga (rack-1-\S+): STARTED")).FirstOrDefault(m => m.Success);
        Assert.True(started is not null, $"{x.Name} never started the saga before downing itself:\n{x.Tail()}");
        var sagaId = started!.Groups[1].Value;
        Assert.True(x.Count($"^Saga {Regex.Escape(sagaId)}: step {StepVms} dispatched") > 0, $"{x.Name} started the saga but dispatched nothing:\n{x.Tail()}");

        var m = majority.First(n => n != d);
        SagaView? done = null;
        await UntilAsync(async () =>
        {
            done = (await Eventually.AskInspectorAsync<object>(m, SagaListRequest.Instance) as SagaListView)?.Sagas.FirstOrDefault(s => s.Status == "COMPLETED");
            return done is not null;
        }, "a COMPLETED saga in the journal");
        Assert.Equal(sagaId, done!.SagaId); // resumed, not restarted under a new id
        var resumedOn = majority.Single(n => n.Count($"^Saga {Regex.Escape(sagaId)}: RESUMED from journal") > 0);
        var restart = resumedOn.Lines.Where(l => l.At > split && RackPartitionStarted.IsMatch(l.Message)).Min(l => l.At);
        Note($"partition -> group's partition restarted on {resumedOn.Name} after {(restart - split).TotalSeconds:0.0}s; saga COMPLETE after {(done.EndedAt!.Value.UtcDateTime - split).TotalSeconds:0.0}s");

        // No overlap: X's whole ActorSystem (and so its partition) was gone before the majority started the partition.
        Assert.True(xDown < restart, $"{resumedOn.Name} started the group's partition at {restart:HH:mm:ss.fff}, before {x.Name} terminated at {xDown:HH:mm:ss.fff}");

        // One saga, two writers one after the other: X's before it terminated, the majority's after its partition started.
        var rows = await JournalRow.ReadAsync(journal, "saga-");
        Assert.Equal([$"saga-{sagaId}"], rows.Select(r => r.PersistenceId).Distinct());
        Assert.Equal(rows.Select(r => r.SequenceNr).Order(), Enumerable.Range(1, rows.Count).Select(i => (long)i));
        var writers = JournalRow.Writers(rows);
        Assert.Equal(2, writers.Count);
        Assert.Equal(writers[0].Rows[^1].SequenceNr + 1, writers[1].Rows[0].SequenceNr);
        Assert.True(writers[0].Rows[^1].CreatedUtc <= xDown, $"{x.Name} wrote saga events after it terminated");
        Assert.True(writers[1].Rows[0].CreatedUtc >= restart, "the majority wrote saga events before its partition started");
        Assert.Equal(1, (await GroupAsync(m)).Episode);

        // D ran each step once, in order, and every request it got came from the node that resumed the saga.
        Assert.Equal([(sagaId, StepVms), (sagaId, StepPoweroff)], _scenario.SagaSteps("data-d"));
        Assert.All(spy.All, r => Assert.Equal(resumedOn.Address.ToString(), r.FromNode));
        Assert.Equal([StepVms, StepPoweroff], spy.All.Select(r => r.Step.StepId).Distinct());
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

    private async Task<InProcessNode> StartNodeAsync(string name, string config, int port, string role, string[] seeds)
    {
        var node = await InProcessNode.StartAsync(_scenario, name, config, port, role, seeds, output);
        lock (_nodes) _nodes.Add(node);
        return node;
    }

    private static async Task<GroupView> GroupAsync(InProcessNode node) =>
        await Eventually.AskInspectorAsync<object>(node, StatusRequest.Instance) is StatusView s && s.Groups.SingleOrDefault(g => g.Id == "rack") is { } g
            ? g
            : new GroupView("rack", "no status", 0, null, null, 1, 1, null);

    private Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    private Task UntilAsync(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(condition, what, Wait, _nodes);

    private void Note(string text)
    {
        try { output.WriteLine($"==== [{_clock.Elapsed.TotalSeconds,6:0.0}s] {text}"); } catch (InvalidOperationException) { }
    }
}
