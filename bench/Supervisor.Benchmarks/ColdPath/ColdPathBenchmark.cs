using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Supervisor.Actors.Agents;
using Supervisor.Actors.Devices;
using Supervisor.Actors.Groups;
using Supervisor.Actors.Hosting;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.ColdPath;

/// <summary>
/// Why the first outage a process sees is slower than later ones: the path from a CRITICAL report to the
/// agent's answer (group journals the episode, saga starts and journals its dispatch, agent journals and
/// dry-runs the step) measured in a fresh process each time, with nothing warmed up, with only the journal's
/// write path warmed (one unrelated event persisted first), with the node's own start-up warm-up
/// (<see cref="JournalWarmup"/>, what a real node runs), and with a whole earlier episode run first.
/// Real actors, real SQLite journal and serializer; no device polling (the report is sent directly), so
/// this is the time after detection.
/// </summary>
public static class ColdPathBenchmark
{
    private static readonly string[] Variants = ["none", "journal", "startup", "episode"];

    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Int("runs", 5);
        options.RejectUnknown();
        Console.WriteLine($"coldpath: {runs} fresh process(es) per pre-warm variant; machine: {MachineLine()}\n");
        var results = Variants.ToDictionary(v => v, _ => new List<Dictionary<string, double>>());
        for (var run = 1; run <= runs; run++)
        {
            foreach (var variant in Variants)
            {
                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { typeof(ColdPathBenchmark).Assembly.Location, "coldpath-once", "--prewarm", variant }) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var stderr = p.StandardError.ReadToEndAsync();
                var lines = (await p.StandardOutput.ReadToEndAsync()).Split('\n');
                await p.WaitForExitAsync();
                var marks = lines.Where(l => l.StartsWith("MARK ", StringComparison.Ordinal))
                    .Select(l => l.Split(' ', 3)).ToDictionary(f => f[2].Trim(), f => double.Parse(f[1], CultureInfo.InvariantCulture));
                if (p.ExitCode != 0 || !marks.ContainsKey("agent answered"))
                {
                    Console.WriteLine($"run {run} prewarm={variant}: FAILED (exit {p.ExitCode})\n{string.Join('\n', lines.TakeLast(15))}\n{await stderr}");
                    continue;
                }
                results[variant].Add(marks);
                Console.WriteLine($"run {run} prewarm={variant,-8} " + string.Join(" | ", marks.OrderBy(m => m.Value).Select(m => $"{m.Key} {F(m.Value, "0")}")));
            }
        }

        Console.WriteLine($"\nMedian ms after the CRITICAL report reached the group ({runs} fresh process(es) each; {MachineLine()}):\n");
        var names = results.Values.SelectMany(r => r.SelectMany(m => m.Keys)).Distinct()
            .OrderBy(n => Median(results["none"].Where(m => m.ContainsKey(n)).Select(m => m[n]).ToList())).ToList();
        Console.WriteLine($"| {"milestone",-22} | " + string.Join(" | ", Variants.Select(v => $"{"prewarm " + v,16}")) + " |");
        Console.WriteLine($"|{new string('-', 24)}|" + string.Join("|", Variants.Select(_ => new string('-', 18))) + "|");
        foreach (var n in names)
            Console.WriteLine($"| {n,-22} | " + string.Join(" | ", Variants.Select(v => $"{F(Median(results[v].Where(m => m.ContainsKey(n)).Select(m => m[n]).ToList()), "0.0"),16}")) + " |");
        return results.Values.All(r => r.Count == runs) ? 0 : 1;
    }

    /// <summary>One measurement in this (fresh) process; prints "MARK &lt;ms&gt; &lt;name&gt;" lines for the parent.</summary>
    public static async Task<int> RunOnceAsync(Options options)
    {
        var prewarm = options.String("prewarm", "none");
        options.RejectUnknown();
        var dataDir = Path.Combine(Path.GetTempPath(), $"bench-coldpath-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dataDir);
        var system = ActorSystem.Create("supervisor", ConfigurationFactory.ParseString("akka.loglevel = INFO\nakka.stdout-loglevel = OFF\nakka.loggers = []")
            .WithFallback(SupervisorHocon.Essentials(dataDir)));
        try
        {
            var marks = new Marks();
            system.ActorOf(Props.Create(() => new LogMarker(marks)), "log-marker");
            var agent = system.ActorOf(HostAgentActor.Props(new AgentSettings("bench-host", true, Path.Combine(dataDir, "agent-actions.jsonl"),
                [new AgentAction("stop-vms", ["/bin/true"], TimeSpan.FromSeconds(30)), new AgentAction("poweroff", ["/bin/true"], TimeSpan.FromSeconds(30))]),
                forceDryRun: true, Path.Combine(dataDir, "agent-actions.jsonl")), "agent");
            var relay = system.ActorOf(Props.Create(() => new AgentRelay(agent, marks)), "relay");
            await Task.Delay(500); // agent recovered (the journal's read path is warm in every variant, as in a running node)

            switch (prewarm)
            {
                case "none": break;
                case "journal":
                    var done = new TaskCompletionSource();
                    system.ActorOf(Props.Create(() => new OneEvent(done)), "warm-journal");
                    await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    break;
                case "startup":
                    var stopped = new TaskCompletionSource();
                    var warmup = system.ActorOf(Props.Create<JournalWarmup>(), "journal-warmup");
                    system.ActorOf(Props.Create(() => new StopWatcher(warmup, stopped)), "warmup-watcher");
                    await stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    break;
                case "episode":
                    await OutageAsync(system, relay, marks, "warm", completeSaga: true);
                    break;
                default: throw new ArgumentException("--prewarm: none, journal, startup or episode");
            }
            marks.Clear();
            var t0 = await OutageAsync(system, relay, marks, "rack", completeSaga: false);
            foreach (var (name, at) in marks.All)
                Console.WriteLine($"MARK {F((at - t0).TotalMilliseconds, "0.000")} {name}");
            return 0;
        }
        finally
        {
            await system.Terminate();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    /// <summary>A group with one healthy member that turns CRITICAL; returns when the agent answered the first step.</summary>
    private static async Task<DateTimeOffset> OutageAsync(ActorSystem system, IActorRef relay, Marks marks, string groupId, bool completeSaga)
    {
        var settings = new GroupSettings(groupId, ["ups-1"], 1, CountsAs.Healthy, CountsAs.Healthy, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60),
            new ShutdownSettings(TimeSpan.FromSeconds(10), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(5),
            [
                new PhaseSettings("vms", [new StepSettings("bench-host", "stop-vms", TimeSpan.FromSeconds(30), false)]),
                new PhaseSettings("local-host", [new StepSettings("bench-host", "poweroff", TimeSpan.FromSeconds(30), true)]),
            ]));
        var policy = new GroupPolicy(groupId, settings.Members, 1, CountsAs.Healthy, CountsAs.Healthy, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));
        var group = system.ActorOf(GroupActor.Props(settings, policy, relay, system.DeadLetters), "group-" + groupId);
        await group.Ask<GroupStatus>(GetGroupStatus.Instance, TimeSpan.FromSeconds(30));
        group.Tell(Report(DeviceHealth.Healthy));
        await Task.Delay(1200); // past the grace, one tick: HEALTHY
        var answered = marks.Expect(completeSaga ? "saga complete" : "agent answered");
        var t0 = DateTimeOffset.UtcNow;
        group.Tell(Report(DeviceHealth.Critical, t0));
        await answered.WaitAsync(TimeSpan.FromSeconds(60));
        return t0;
    }

    private static DeviceReport Report(DeviceHealth health, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var onBattery = health != DeviceHealth.Healthy;
        return new DeviceReport("ups-1", new HealthAssessment(health, "bench", []),
            new Reading("ups-1", now, !onBattery, onBattery, onBattery, false, 100, 1800, 20, onBattery ? 0 : 230, 100, onBattery ? "OB LB" : "OL"), now, true);
    }

    private sealed class Marks
    {
        private readonly ConcurrentQueue<(string Name, DateTimeOffset At)> _all = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new();
        public IEnumerable<(string Name, DateTimeOffset At)> All => _all.OrderBy(m => m.At);

        public void Mark(string name, DateTimeOffset at)
        {
            if (_all.Any(m => m.Name == name)) return; // first occurrence only
            _all.Enqueue((name, at));
            if (_waits.TryGetValue(name, out var w)) w.TrySetResult();
        }

        public Task Expect(string name) => _waits.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Clear()
        {
            _all.Clear();
            _waits.Clear();
        }
    }

    /// <summary>Stands in for DistributedPubSub: hands ExecuteStep to the agent and the answer back to the saga, marking both.</summary>
    private sealed class AgentRelay : ReceiveActor
    {
        private readonly Dictionary<string, IActorRef> _sagas = [];

        public AgentRelay(IActorRef agent, Marks marks)
        {
            Receive<Publish>(p =>
            {
                marks.Mark("published to agent", DateTimeOffset.UtcNow);
                if (p.Message is not ExecuteStep step) return;
                _sagas[step.SagaId] = Sender;
                agent.Tell(step, Self);
            });
            Receive<StepResult>(r =>
            {
                marks.Mark("agent answered", DateTimeOffset.UtcNow);
                if (_sagas.TryGetValue(r.SagaId, out var saga)) saga.Tell(r);
            });
        }
    }

    /// <summary>Timestamps the actors' own log lines (the LogEvent's creation time) that mark the path.</summary>
    private sealed class LogMarker : ReceiveActor
    {
        private static readonly (string Name, Regex Pattern)[] Patterns =
        [
            ("group QUORUMLOST", new(@"Group \S+: \w+ -> QUORUMLOST")),
            ("episode journaled", new(@"Group \S+: journaled episode")),
            ("saga STARTED", new(@"Saga \S+: STARTED")),
            ("step dispatched", new(@"Saga \S+: step \S+ dispatched")),
            ("agent step journaled", new(@"Agent \S+: step \S+ of saga \S+: dry-run")),
            ("saga complete", new(@"Saga \S+: COMPLETE")),
        ];

        public LogMarker(Marks marks)
        {
            Context.System.EventStream.Subscribe(Self, typeof(Info));
            Context.System.EventStream.Subscribe(Self, typeof(Warning));
            Receive<LogEvent>(e =>
            {
                var text = e.Message?.ToString() ?? "";
                foreach (var (name, pattern) in Patterns)
                    if (pattern.IsMatch(text)) marks.Mark(name, new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc)));
            });
        }
    }

    /// <summary>Completes when <paramref name="target"/> stops (the warm-up stops itself when done).</summary>
    private sealed class StopWatcher : ReceiveActor
    {
        public StopWatcher(IActorRef target, TaskCompletionSource stopped)
        {
            Context.Watch(target);
            Receive<Terminated>(_ => stopped.TrySetResult());
        }
    }

    /// <summary>Persists one unrelated event: the journal's write path (SQL insert, serializer) is then warm.</summary>
    private sealed class OneEvent : ReceivePersistentActor
    {
        public override string PersistenceId => "warm-journal";

        public OneEvent(TaskCompletionSource done)
        {
            Recover<RecoveryCompleted>(_ => Persist(new GroupRearmed("warm", "warm-up", DateTimeOffset.UtcNow), _ => done.TrySetResult()));
            Command<object>(_ => { });
        }
    }
}
