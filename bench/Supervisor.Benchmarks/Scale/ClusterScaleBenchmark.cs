using System.Diagnostics;
using Supervisor.Tests.RealServers;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// <c>scale --nodes N [--placement singleton|sharded] [--partitions 30]</c>: the same simulated fleet, but on N real
/// supervisor nodes, each a child process of this benchmark (<see cref="ScaleNode"/>) joined into one cluster on
/// loopback, with a throw-away PostgreSQL journal (which more than one supervisor node needs). Each node measures
/// itself; the parent merges the histograms and judges every node against the same targets.
/// </summary>
public static class ClusterScaleBenchmark
{
    private static readonly string[] Placements = ["singleton", "sharded"];

    /// <summary><c>--nodes 1</c> alone is the in-process run; any other node count, or a placement, means real nodes.</summary>
    public static bool IsRequested(Options options) => options.Int("nodes", 1) != 1 || options.String("placement", "").Length > 0;

    public static async Task<int> RunAsync(Options options)
    {
        var fleet = SimulatedFleet.FromOptions(options);
        var nodeCount = options.Int("nodes", 1);
        var placement = options.String("placement", "singleton");
        var partitions = options.Int("partitions", 30);
        var warmup = options.Double("warmup", 90);
        var duration = options.Double("duration", 60);
        var sampleEvery = options.Int("sample", 5);
        options.RejectUnknown();
        if (nodeCount < 1) throw new ArgumentException("--nodes must be at least 1");
        if (!Placements.Contains(placement)) throw new ArgumentException($"--placement must be one of {string.Join(", ", Placements)}");

        Console.WriteLine($"scale: {fleet.Describe()} on {nodeCount} supervisor node(s), placement {placement}" +
                          (placement == "sharded" ? $" ({partitions} partitions)" : "") + $"; warm-up up to {warmup} s (ends once steady), window {duration} s");
        Console.WriteLine($"machine: {MachineLine()}");

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) => { e.Cancel = true; cancel.Cancel(); }; // unwind through the finally below
        Console.CancelKeyPress += onCtrlC;
        var dir = Path.Combine(Path.GetTempPath(), $"bench-scale-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dir);
        var nodes = new List<ScaleNodeProcess>();
        using var pg = new PostgresServer();
        try
        {
            await pg.InitializeAsync();
            var configFile = Path.Combine(dir, "supervisor.conf");
            await File.WriteAllTextAsync(configFile, NodeConfig(fleet, pg.ConnectionString(await pg.CreateDatabaseAsync()), placement, partitions), cancel.Token);

            var ports = Enumerable.Range(0, nodeCount).Select(_ => LoopbackPort.Free()).ToArray();
            var seed = $"127.0.0.1:{ports[0]}";
            var sinceStart = Stopwatch.StartNew();
            for (var i = 0; i < nodeCount; i++)
                nodes.Add(ScaleNodeProcess.Start($"s{i + 1}", configFile, ports[i], seed, Path.Combine(dir, $"data-s{i + 1}"), dir));
            await Task.WhenAll(nodes.Select(n => n.WaitStartedAsync(TimeSpan.FromSeconds(120))));
            Console.WriteLine($"{nodeCount} node(s) started in {F(sinceStart.Elapsed.TotalSeconds, "0.0")} s (PostgreSQL on 127.0.0.1:{pg.Port}, seed {seed})");

            var sampler = new ClusterSampler(nodes, fleet.ExpectedReportsPerSecond, sampleEvery, sinceStart);
            await sampler.RunAsync(TimeSpan.FromSeconds(warmup), "warm-up", untilSteady: true, cancel.Token);

            await Task.WhenAll(nodes.Select(n => n.StartWindowAsync()));
            await sampler.RunAsync(TimeSpan.FromSeconds(duration), "window", untilSteady: false, cancel.Token);
            var windows = await Task.WhenAll(nodes.Select(n => n.StopWindowAsync()));

            return ClusterScaleReport.Print(fleet, placement, nodes, windows, sampler);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.WriteLine("interrupted: stopping the nodes");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
            await Task.WhenAll(nodes.Select(n => n.StopAsync()));
            foreach (var n in nodes) n.Dispose();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    /// <summary>One config file for every node: the fleet, the shared journal, the placement, and a quiet log.</summary>
    private static string NodeConfig(SimulatedFleet fleet, string connection, string placement, int partitions) =>
        """
        # Production logs at INFO; at this size start-up alone would print ~12 000 lines per node. Nothing is logged in steady state either way.
        akka.loglevel = WARNING
        akka.log-dead-letters = 0

        """ +
        fleet.SupervisorSection(
            $"  journal {{ provider = postgresql, connection-string = \"{connection}\" }}\n" +
            $"  placement {{ mode = {placement}{(placement == "sharded" ? $", partitions = {partitions}" : "")} }}");
}
