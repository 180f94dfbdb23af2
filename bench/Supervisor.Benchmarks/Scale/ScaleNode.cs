using System.Diagnostics;
using Akka.Actor;
using System.Globalization;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Supervisor.Actors.Placement;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Supervisor.Node.Hosting;
using static Supervisor.Benchmarks.Scale.ScaleNodeProtocol;
using Supervisor.Domain;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// The hidden <c>scale-node</c> subcommand: one real supervisor node (production's <see cref="NodeConfigurationBuilder"/>
/// and <see cref="SupervisorNodeHost"/>, role supervisor) with the benchmark's <see cref="FleetMeters"/> attached,
/// answering its parent's commands (<see cref="ScaleNodeProtocol"/>) until told to stop or its stdin closes.
/// </summary>
public static class ScaleNode
{
    public static async Task<int> RunAsync(Options options)
    {
        var nodeOptions = new NodeOptions(
            ConfigFile: options.String("config", ""),
            Port: options.Int("port", 0),
            Seeds: [options.String("seed", "")],
            Roles: [ClusterNames.Roles.Supervisor],
            DataDir: options.String("data-dir", ""));
        options.RejectUnknown();

        // Before the host: the meter's instruments are published when the first device polls.
        using var meters = new FleetMeters();
        var built = NodeConfigurationBuilder.Build(nodeOptions);
        foreach (var w in built.Warnings) Console.Error.WriteLine($"config warning: {w.Path}: {w.Message}");
        if (built.Node is not { } node)
        {
            foreach (var e in built.Errors) Console.Error.WriteLine($"config error: {e.Path}: {e.Message}");
            return 1;
        }

        using var host = SupervisorNodeHost.Build(node, nodeOptions);
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        Console.WriteLine(Reply(Started));

        // The same split the node made (deterministic), to count the devices of the partitions it hosts.
        var partitions = node.Settings.Placement.Mode == PlacementMode.Sharded ? FleetPartitioner.Split(node.Settings, node.Settings.Placement.Partitions) : null;
        Task<string> Hosting() => HostingAsync(system, partitions);
        var sampler = new IntervalSampler(meters);
        ProcessSnapshot? before = null;
        while (await ReadCommandAsync(stopping) is { } command)
        {
            switch (command)
            {
                case Sample:
                    Console.WriteLine(Reply(Sample, sampler.Next(UpMembers(system), await Hosting())));
                    break;
                case WindowStart:
                    before = ProcessSnapshot.Take();
                    meters.StartWindow();
                    Console.WriteLine(Reply(WindowStart));
                    break;
                case WindowStop:
                    var after = ProcessSnapshot.Take();
                    var (latency, polls) = meters.StopWindow();
                    Console.WriteLine(Reply(WindowStop, new NodeWindow(latency.Export(), polls.Export(),
                        before ?? throw new InvalidOperationException("window-stop before window-start"), after, await Hosting())));
                    break;
                case Stop:
                    await host.StopAsync();
                    return 0;
                default:
                    Console.Error.WriteLine($"scale-node: unknown command \"{command}\"");
                    break;
            }
        }
        await host.StopAsync(); // stdin closed (the parent is gone) or the host was told to stop (SIGTERM/SIGINT)
        return 0;
    }

    /// <summary>The next command, or null on EOF or when the host stops by itself (Ctrl-C reaches the children too).</summary>
    private static async Task<string?> ReadCommandAsync(CancellationToken stopping)
    {
        var read = Task.Run(Console.In.ReadLine, CancellationToken.None);
        var done = await Task.WhenAny(read, Task.Delay(Timeout.Infinite, stopping));
        return done == read ? (await read)?.Trim() : null;
    }

    private static int UpMembers(ActorSystem system) => Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up);

    /// <summary>
    /// What this node runs: the singleton (singleton mode, from the actor tree), or how many partitions and devices
    /// (sharded mode, from the local shard region). The node's INFO log would say so too, but it runs at WARNING here.
    /// </summary>
    private static async Task<string> HostingAsync(ActorSystem system, IReadOnlyList<SupervisorSettings>? partitions)
    {
        if (partitions is not null)
        {
            var state = await ClusterSharding.Get(system).ShardRegion(ClusterNames.Fleet.ShardingTypeName)
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            var hosted = state.Shards.SelectMany(s => s.EntityIds).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();
            return $"{hosted.Count}/{partitions.Count} partitions, {hosted.Sum(p => partitions[p].Devices.Count)} devices";
        }
        try
        {
            // Generous: while 10 000 actors start, the node answers 500 ms lookups too late and looked as if it hosted nothing.
            await system.ActorSelection(ClusterNames.Fleet.SingletonPath).ResolveOne(TimeSpan.FromSeconds(3));
            return "singleton";
        }
        catch (ActorNotFoundException)
        {
            return "-";
        }
    }

    /// <summary>Report count, latency tail and CPU since the previous sample; RSS now.</summary>
    private sealed class IntervalSampler(FleetMeters meters)
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private long _lastAt = Stopwatch.GetTimestamp();
        private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;

        public NodeSample Next(int upMembers, string hosting)
        {
            var interval = meters.Latency.SwapInterval();
            _process.Refresh();
            var seconds = Stopwatch.GetElapsedTime(_lastAt).TotalSeconds;
            var cpu = _process.TotalProcessorTime;
            var sample = new NodeSample(interval.Count, seconds, interval.Percentile(0.99), interval.Max, (cpu - _lastCpu).TotalSeconds / seconds,
                _process.WorkingSet64, upMembers, hosting);
            _lastAt = Stopwatch.GetTimestamp();
            _lastCpu = cpu;
            return sample;
        }
    }
}
