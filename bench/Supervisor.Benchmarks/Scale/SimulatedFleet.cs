using System.Diagnostics;
using System.Text;
using Akka.Configuration;
using Supervisor.Configuration;
using Supervisor.Domain.Configuration;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// The fleet both scale modes run: N <c>simulated</c> steady devices polled every <see cref="PollSeconds"/>, in groups
/// of <see cref="GroupSize"/> with one shutdown step each. Generated as HOCON so it goes through the real config
/// loader, in process (<see cref="Load"/>) or in a node's config file (<see cref="SupervisorSection"/>).
/// </summary>
public sealed record SimulatedFleet(int Devices, int GroupSize, int MinHealthy, double PollSeconds)
{
    public int Groups => Devices / GroupSize;

    /// <summary>Every device reports to its one group after every poll.</summary>
    public double ExpectedReportsPerSecond => Devices / PollSeconds;

    public static SimulatedFleet FromOptions(Options options)
    {
        var devices = options.Int("devices", 10_000);
        var groupSize = options.Int("group-size", 10);
        var fleet = new SimulatedFleet(devices, groupSize, options.Int("min-healthy", Math.Max(1, groupSize / 2)), options.Double("poll-interval", 1));
        if (devices < groupSize || devices % groupSize != 0) throw new ArgumentException("--devices must be a multiple of --group-size");
        return fleet;
    }

    public string Describe() =>
        $"{Devices} simulated devices (poll {PollSeconds} s) in {Groups} groups of {GroupSize} (min-healthy {MinHealthy})";

    /// <summary>The whole <c>supervisor { … }</c> block; <paramref name="extraKeys"/> (data-dir, journal, placement) go first inside it.</summary>
    public string SupervisorSection(string extraKeys)
    {
        var hocon = new StringBuilder();
        hocon.Append("supervisor {\n").Append(extraKeys).Append("\n  devices {\n");
        for (var d = 0; d < Devices; d++)
            hocon.Append($"    dev-{d:D5} {{ driver = simulated, profile = steady, poll-interval = {PollSeconds}s }}\n");
        hocon.Append("  }\n  groups {\n");
        for (var g = 0; g < Groups; g++)
        {
            var members = string.Join(", ", Enumerable.Range(g * GroupSize, GroupSize).Select(d => $"dev-{d:D5}"));
            hocon.Append($"    g-{g:D4} {{ members = [{members}], min-healthy = {MinHealthy}, " +
                         "shutdown.phases = [ { name = local-host, steps = [ { host = bench-host, action = poweroff, timeout = 30s } ] } ] }\n");
        }
        hocon.Append("  }\n}\n");
        return hocon.ToString();
    }

    /// <summary>Parses and validates the fleet through <see cref="SupervisorConfigLoader"/>, timing both (validation used to be O(groups × devices)).</summary>
    public SupervisorSettings Load(string dataDir)
    {
        var hocon = SupervisorSection($"  data-dir = \"{dataDir}\"");
        var parse = Stopwatch.StartNew();
        var config = ConfigurationFactory.ParseString(hocon);
        var parsed = parse.Elapsed;
        var result = SupervisorConfigLoader.Load(config);
        Console.WriteLine($"config: {hocon.Length / 1024} KiB of HOCON parsed in {F(parsed.TotalSeconds, "0.00")} s, loaded + validated in {F((parse.Elapsed - parsed).TotalSeconds, "0.00")} s");
        if (result.Settings is null)
            throw new InvalidOperationException("generated config is invalid: " + string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Path}: {e.Message}")));
        return result.Settings;
    }
}
