using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Supervisor.Benchmarks.Reaction;
using Supervisor.Tests.RealServers;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Failover;

/// <summary>
/// Issue "kill a supervisor node mid-saga; time until the next step is dispatched from the survivor; target
/// ≤ 10 s with no step executed twice". Per run: a fresh database on one throw-away PostgreSQL, three
/// <c>supervisor run</c> processes with role supervisor and one agent node (dry-run, <c>/bin/true</c>), one real
/// upsd. The UPS goes "OB LB"; once the saga has dispatched its phase-2 step (to a host with no agent, so it
/// stays in flight) the node holding the singleton gets SIGKILL. Measured: kill → a survivor's saga re-sends
/// that step (the first dispatch from the survivor), with milestones from the survivor's log. Then the saga must
/// finish on the survivor and the agent's action log must hold each step exactly once.
/// </summary>
public static class FailoverBenchmark
{
    private const double TargetSeconds = 10;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>Where the survivor's time goes, in order (first line after the kill, survivor's console timestamps).</summary>
    private static (string Name, Regex Pattern)[] Milestones(bool sharded) =>
    [
        ("unreachable", new(@"Marking node\(s\) as UNREACHABLE", RegexOptions.Compiled)),
        ("SBR downs it", new(@"SBR took decision", RegexOptions.Compiled)), // only on the survivor that leads
        ("removed", new(@"Younger observed OldestChanged|Member removed", RegexOptions.Compiled)),
        sharded ? ("partition here", RackPartition) : ("singleton here", new(@"Singleton manager started singleton actor", RegexOptions.Compiled)),
        ("group recovered", new(@"Group rack: recovered", RegexOptions.Compiled)),
        ("saga resumed", new(@"Saga \S+: RESUMED from journal", RegexOptions.Compiled)),
        ("step re-sent", new(@"Saga \S+: step 2\.1\S* re-sent to host \S+ after resume", RegexOptions.Compiled)),
    ];

    private static readonly Regex InFlight = new(@"Saga \S+: step 2\.1-\S+ dispatched", RegexOptions.Compiled);
    private static readonly Regex Resumed = new(@"Saga \S+: RESUMED from journal in phase 2", RegexOptions.Compiled);
    private static readonly Regex Completed = new(@"Saga \S+: COMPLETE", RegexOptions.Compiled);
    private static readonly Regex Watching = new(@"Supervisor: watching", RegexOptions.Compiled);
    /// <summary>Sharded: the one partition with the device and its group (the others are empty).</summary>
    private static readonly Regex RackPartition = new(@"Supervisor partition \d+/\d+: watching [1-9]\d* device", RegexOptions.Compiled);
    private static readonly Regex AnyPartition = new(@"Supervisor partition \d+/\d+: watching", RegexOptions.Compiled);
    private static readonly string[] Placements = ["singleton", "sharded"];
    private static readonly Regex Healthy = new(@"Group rack: \w+ -> HEALTHY", RegexOptions.Compiled);

    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Int("runs", 3);
        var margin = options.String("down-removal-margin", "");
        var hocon = options.String("hocon", "");
        var placement = options.String("placement", "singleton");
        var partitions = options.Int("partitions", 30);
        options.RejectUnknown();
        if (runs < 1) throw new ArgumentException("--runs must be at least 1");
        if (!Placements.Contains(placement)) throw new ArgumentException($"--placement must be one of {string.Join(", ", Placements)}");
        var sharded = placement == "sharded";
        var placementHocon = sharded ? $"placement {{ mode = sharded, partitions = {partitions} }}" : "";

        var overrides = (margin.Length == 0 ? "" : $"akka.cluster.down-removal-margin = {margin}\n") + (hocon.Length == 0 ? "" : hocon.Replace(";", "\n") + "\n");
        Console.WriteLine($"failover: {runs} run(s), placement {placement}{(sharded ? $" ({partitions} partitions)" : "")}; cluster settings: cluster.hocon{(overrides.Length == 0 ? "" : " overridden by: " + overrides.ReplaceLineEndings("; ").TrimEnd(' ', ';'))}; machine: {MachineLine()}");
        using var upsd = await UpsdServer.StartAsync();
        using var pg = new PostgresServer();
        await pg.InitializeAsync();
        Console.WriteLine($"upsd on {upsd.Host}:{upsd.Port}, PostgreSQL on 127.0.0.1:{pg.Port}; supervisor: {SupervisorContender.SupervisorDll}\n");

        var seconds = new List<double>();
        var milestoneRuns = new List<List<(string Name, double Seconds)>>();
        var failures = new List<string>();
        for (var run = 1; run <= runs; run++)
        {
            await upsd.RestartAsync();
            try
            {
                var (s, milestones, killed) = await RunOnceAsync(upsd, await pg.CreateDatabaseAsync(), overrides, placementHocon, sharded);
                seconds.Add(s);
                milestoneRuns.Add(milestones);
                Console.WriteLine($"run {run}: {killed}; next step dispatched from the survivor {F(s, "0.00")} s after the kill; each step ran once\n      " +
                                  string.Join(" | ", milestones.Select(m => $"{m.Name} {F(m.Seconds, "0.00")}")));
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                failures.Add($"run {run}: {e.Message}");
                Console.WriteLine($"run {run} FAILED: {e.Message}");
            }
        }

        Console.WriteLine($"\nSeconds from SIGKILL of the saga's node ({(sharded ? "its partition's host" : "the singleton's")}) to the survivor re-dispatching the in-flight step ({seconds.Count} run(s); {MachineLine()}):");
        if (seconds.Count > 0)
        {
            Console.WriteLine($"  median {F(Median(seconds), "0.00")}  min {F(seconds.Min(), "0.00")}  max {F(seconds.Max(), "0.00")}   runs: {string.Join(", ", seconds.Select(x => F(x, "0.00")))}");
            Console.WriteLine("  median milestone on the survivor (s after the kill):");
            foreach (var name in Milestones(sharded).Select(m => m.Name))
            {
                var xs = milestoneRuns.SelectMany(r => r.Where(m => m.Name == name).Select(m => m.Seconds)).ToList();
                if (xs.Count > 0) Console.WriteLine($"    {name,-16} {F(Median(xs), "0.00")}");
            }
            Console.WriteLine($"  target <= {TargetSeconds} s (max): {(seconds.Max() <= TargetSeconds ? "PASS" : "FAIL")}; no step twice: {(failures.Count == 0 ? "PASS" : "see failures")}");
        }
        foreach (var f in failures) Console.WriteLine($"failed: {f}");
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<(double Seconds, List<(string Name, double Seconds)> Milestones, string Killed)> RunOnceAsync(
        UpsdServer upsd, string connection, string overrides, string placementHocon, bool sharded)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-failover-{Guid.NewGuid():N}"[..28]);
        Directory.CreateDirectory(dir);
        var nodes = new List<ChildProcess>();
        try
        {
            var supervisorConf = Path.Combine(dir, "supervisor.conf");
            var agentConf = Path.Combine(dir, "agent.conf");
            await File.WriteAllTextAsync(supervisorConf, SupervisorConfig(upsd.Port, connection, overrides, placementHocon));
            await File.WriteAllTextAsync(agentConf, AgentConfig(connection, overrides));
            var ports = Enumerable.Range(0, 4).Select(_ => LoopbackPort.Free()).ToArray();
            var seed = $"127.0.0.1:{ports[0]}";
            ChildProcess Start(string name, string config, int port, string roles)
            {
                var node = ChildProcess.Start(name, "dotnet",
                    [SupervisorContender.SupervisorDll, "run", "--config", config, "--port", port.ToString(CultureInfo.InvariantCulture),
                     "--roles", roles, "--data-dir", $"data-{name}", "--seed", seed], dir);
                nodes.Add(node);
                return node;
            }

            var s1 = Start("s1", supervisorConf, ports[0], "supervisor");
            // Singleton: s1 first, so it is the oldest and holds the singleton. Sharded: all together, so that the coordinator
            // can spread the partitions from the start (a later joiner gets its share only by rebalancing).
            if (!sharded) await s1.WaitForLineAsync(Watching, Wait);
            var s2 = Start("s2", supervisorConf, ports[1], "supervisor");
            var s3 = Start("s3", supervisorConf, ports[2], "supervisor");
            Start("a1", agentConf, ports[3], "agent");
            ChildProcess[] supervisors = [s1, s2, s3];
            var settled = "";
            if (sharded)
            {
                settled = $"partitions settled {F(await PlacementSettledAsync(supervisors), "0")} s after start; ";
            }
            else
            {
                await s1.WaitForLineAsync(Healthy, Wait);
                await s2.WaitForLineAsync(new Regex("Supervisor: (watching|member)|Welcome|joined|Up", RegexOptions.IgnoreCase), Wait);
                await s3.WaitForLineAsync(new Regex("Supervisor: (watching|member)|Welcome|joined|Up", RegexOptions.IgnoreCase), Wait);
                await Task.Delay(TimeSpan.FromSeconds(3)); // every member Up and seen by all before the outage
            }

            await upsd.SetStatusAsync("OB LB");
            var victim = await FirstToLogAsync(supervisors, InFlight); // the node running the saga (s1 with the singleton)
            var survivors = supervisors.Where(n => n != victim).ToArray();
            var before = survivors.ToDictionary(n => n, n => n.Lines.Count);
            var killedAt = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            victim.Kill();

            ChildProcess? survivor = null;
            while (survivor is null)
            {
                survivor = survivors.FirstOrDefault(n => n.Lines.Skip(before[n]).Any(Resumed.IsMatch));
                if (clock.Elapsed > Wait)
                    throw new TimeoutException($"no survivor resumed the saga within {Wait.TotalSeconds} s\n" + string.Join("\n", survivors.Select(n => $"{n.Name}:\n{n.Tail()}")));
                await Task.Delay(20);
            }
            await survivor.WaitForLineAsync(Completed, Wait);
            await Task.Delay(500); // the agent's last line

            var after = survivor.Lines.Skip(before[survivor]).ToList();
            if (Environment.GetEnvironmentVariable("FAILOVER_SURVIVOR_LOG") is { Length: > 0 } logPath)
                await File.AppendAllLinesAsync(logPath, [$"--- kill at {killedAt:HH:mm:ss.fff}", .. after]);
            var milestones = Milestones(sharded)
                .Select(m => (m.Name, Line: after.FirstOrDefault(l => m.Pattern.IsMatch(l))))
                .Where(m => m.Line is not null)
                .Select(m => (m.Name, Seconds: (LogClock.Time(m.Line!, killedAt) - killedAt).TotalSeconds))
                .ToList();
            var dispatched = milestones.Where(m => m.Name == "step re-sent").Select(m => m.Seconds).DefaultIfEmpty(double.NaN).Single();
            if (double.IsNaN(dispatched)) throw new InvalidOperationException($"the survivor resumed the saga but logged no re-sent step:\n{survivor.Tail()}");

            var steps = ActionLog(Path.Combine(dir, "data-a1", "agent-actions.jsonl"));
            string[] expected = ["1.1-vms-a1-stop-vms", "3.1-local-host-a1-poweroff"];
            if (!steps.SequenceEqual(expected))
                throw new InvalidOperationException($"agent action log holds [{string.Join(", ", steps)}], expected each step once: [{string.Join(", ", expected)}]");
            return (dispatched, milestones, $"{settled}killed {victim.Name}{(sharded && victim == s1 ? " (the oldest: it ran the sharding coordinator too)" : "")}, {survivor.Name} took over");
        }
        finally
        {
            foreach (var n in nodes) await n.StopAsync(TimeSpan.FromSeconds(5));
            if (Environment.GetEnvironmentVariable("FAILOVER_LOG_DIR") is { Length: > 0 } logDir) // every node's whole log, for a run that surprised you
            {
                var runDir = Directory.CreateDirectory(Path.Combine(logDir, $"{DateTime.Now:HHmmss}-{Path.GetFileName(dir)}")).FullName;
                foreach (var n in nodes) await File.WriteAllLinesAsync(Path.Combine(runDir, $"{n.Name}.log"), n.Lines);
            }
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    private static async Task<ChildProcess> FirstToLogAsync(ChildProcess[] nodes, Regex pattern)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Wait)
        {
            if (nodes.FirstOrDefault(n => n.FirstLine(pattern) is not null) is { } node) return node;
            if (nodes.FirstOrDefault(n => n.HasExited) is { } dead) throw new InvalidOperationException($"{dead.Name} exited:\n{dead.Tail()}");
            await Task.Delay(20);
        }
        throw new TimeoutException($"no node logged /{pattern}/ within {Wait.TotalSeconds} s");
    }

    /// <summary>
    /// Sharded: waits until the partition with the group has settled, and returns how long that took. Its latest host
    /// (the node that logged its start last) has seen the group HEALTHY since, and no partition has started anywhere
    /// for longer than a rebalance round (2 s in ShardingHocon, 10 s in Akka's defaults), so none is about to move
    /// mid-saga. The node that registers with the coordinator first gets every partition; the others get theirs by
    /// rebalancing (with Akka's defaults, one partition per 10 s round: minutes for 30).
    /// </summary>
    private static async Task<double> PlacementSettledAsync(ChildProcess[] nodes)
    {
        var quietFor = TimeSpan.FromSeconds(12);
        var limit = TimeSpan.FromMinutes(5);
        var clock = Stopwatch.StartNew();
        var starts = -1;
        var quiet = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            await Task.Delay(200);
            var lines = nodes.Select(n => n.Lines.ToList()).ToArray();
            var nowStarts = lines.Sum(l => l.Count(AnyPartition.IsMatch));
            if (nowStarts != starts) (starts, quiet) = (nowStarts, Stopwatch.StartNew());
            var now = DateTimeOffset.Now;
            var hosts = lines
                .Select(l => (Lines: l, Last: l.FindLastIndex(RackPartition.IsMatch)))
                .Where(h => h.Last >= 0)
                .ToList();
            if (hosts.Count == 0) continue;
            var host = hosts.MaxBy(h => LogClock.Time(h.Lines[h.Last], now));
            var healthy = host.Lines.Skip(host.Last).Any(Healthy.IsMatch);
            if (healthy && quiet.Elapsed >= quietFor) return (clock.Elapsed - quietFor).TotalSeconds;
        }
        throw new TimeoutException($"partitions still moving or the group not HEALTHY after {clock.Elapsed.TotalSeconds:0} s\n" +
                                   string.Join("\n", nodes.Select(n => $"{n.Name}:\n{n.Tail(8)}")));
    }

    private static List<string> ActionLog(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.EndsWith('}')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("stepId").GetString()!).ToList()
            : [];

    private static string Journal(string connection) => $"journal {{ provider = postgresql, connection-string = \"{connection}\" }}";

    private static string SupervisorConfig(int upsdPort, string connection, string overrides, string placementHocon) => overrides + $$"""
        supervisor {
          {{Journal(connection)}}
          {{placementHocon}}
          devices {
            ups-1 { driver = nut, host = "127.0.0.1", port = {{upsdPort}}, ups = ups1, poll-interval = 1s, stabilize = 1s }
          }
          groups {
            rack {
              members = [ups-1]
              min-healthy = 1
              startup-grace = 2s
              shutdown {
                safety-margin = 10s
                retry-interval = 1s
                phases = [
                  { name = vms, steps = [ { host = a1, action = stop-vms, timeout = 20s } ] },
                  # no agent serves this host: the step is still in flight when the kill lands
                  { name = remote-hosts, steps = [ { host = unreachable-host, action = sync, timeout = 30s } ] },
                  { name = local-host, steps = [ { host = a1, action = poweroff, timeout = 20s } ] }
                ]
              }
            }
          }
        }
        """;

    private static string AgentConfig(string connection, string overrides) => overrides + $$"""
        supervisor {
          {{Journal(connection)}}
          agent {
            host = a1
            dry-run = on
            actions {
              stop-vms { command = ["/bin/true"] }
              poweroff { command = ["/bin/true"] }
            }
          }
        }
        """;
}
