using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Supervisor.Tests.RealServers;

namespace Supervisor.Benchmarks.Reaction;

/// <summary>
/// The real <c>supervisor run</c> executable (this build configuration's) with one NUT device at the default
/// settings (poll-interval 2 s, status-interval 100 ms; only <c>stabilize = 1s</c>, so that the warm run's group
/// re-arms quickly: it is not on the path to a shutdown), one group (min-healthy 1, start-up grace 2 s) and a first
/// phase step for the local agent in dry-run (<c>--dry-run</c> too, and the allow-listed command is <c>/bin/true</c>:
/// nothing can be powered off). The reaction is the <c>time</c> field of the agent's first line in <c>data/agent-actions.jsonl</c>.
/// <para>
/// Cold (default): the flip is the first outage the process sees, so the saga, journal-write and agent paths
/// run for the first time (JIT) — the realistic case, a node sees few power events in its lifetime. Warm:
/// one unmeasured outage first (saga runs, power returns, the group re-arms), then the measured one.
/// </para>
/// </summary>
public sealed class SupervisorContender(bool warm) : IContender
{
    /// <summary>The defaults the contender runs at (reference.conf); the targets are about these.</summary>
    public const string Settings = "NUT defaults: poll 2 s, status watch 100 ms";

    public string Label => warm ? "ours (warm process)" : "ours (cold process)";

    /// <summary>Log lines that mark where the time goes, in the order they happen; parsed from the console log's own timestamps.</summary>
    private static readonly (string Name, Regex Pattern)[] Milestones =
    [
        ("status seen", new(@"Device ups-1: status \S+ -> .* between polls")),
        ("device CRITICAL", new(@"Device ups-1: \w+ -> CRITICAL")),
        ("group QUORUMLOST", new(@"Group rack: \w+ -> QUORUMLOST")),
        ("episode journaled", new(@"Group rack: journaled episode \d+ started")),
        ("saga STARTED", new(@"Saga \S+: STARTED")),
        ("step dispatched", new(@"Saga \S+: step \S+ dispatched")),
        ("agent dry-run", new(@"Agent bench-host: step \S+ of saga \S+: dry-run")),
    ];

    private static readonly Regex Healthy = new(@"Group rack: \w+ -> HEALTHY");
    private static readonly Regex Rearmed = new(@"Group rack: journaled re-armed");
    private static readonly Regex Completed = new(@"Saga \S+: COMPLETE");

    public async Task<ReactionSample> RunOnceAsync(UpsdServer upsd, int run)
    {
        var dir = NewDirectory();
        using var node = await StartAsync(dir, upsd.Port);
        try
        {
            if (warm)
            {
                await Task.Delay(500);
                await Flip.ToAsync(upsd, "OB LB");
                await node.WaitForLineAsync(Completed, TimeSpan.FromSeconds(30));
                await Flip.ToAsync(upsd, "OL");
                await node.WaitForLineAsync(Rearmed, TimeSpan.FromSeconds(30));
            }
            // Uniform over one second, so the flip lands at a random point of the watch's and dummy-ups' cycles.
            await Task.Delay(TimeSpan.FromSeconds(1 + Random.Shared.NextDouble()));
            var flip = await Flip.ToAsync(upsd, "OB LB");
            var acted = await WaitForActionAsync(Path.Combine(dir, "data", "agent-actions.jsonl"), flip.Started, node, TimeSpan.FromSeconds(30));
            await Task.Delay(200); // let the agent's own log line arrive
            // The first matching line of this outage: a warm run's earlier outage logged the same lines seconds before.
            var notBefore = flip.Started - TimeSpan.FromMilliseconds(5); // log times are truncated to the ms
            var milestones = new[] { ("status visible", flip.SecondsUntil(flip.Visible)) }.Concat(Milestones
                .Select(m => (m.Name, At: node.Lines.Where(l => m.Pattern.IsMatch(l)).Select(l => LogClock.Time(l, flip.Returned)).Where(t => t >= notBefore).Order().FirstOrDefault()))
                .Where(m => m.At != default)
                .Select(m => (m.Name, flip.SecondsUntil(m.At))))
                .Append(("action log time", flip.SecondsUntil(acted)))
                .ToList();
            return new ReactionSample(flip.SecondsUntil(acted), flip, milestones);
        }
        finally
        {
            await node.StopAsync(TimeSpan.FromSeconds(5));
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-supervisor-{Guid.NewGuid():N}"[..28]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Starts the node in <paramref name="dir"/> and returns once its group is HEALTHY.</summary>
    /// <param name="deviceKeys">Extra keys for the device (e.g. <c>status-interval = off</c>), written after the defaults.</param>
    public static async Task<ChildProcess> StartAsync(string dir, int upsdPort, string deviceKeys = "")
    {
        var config = Path.Combine(dir, "node.conf");
        await File.WriteAllTextAsync(config, Config(upsdPort, deviceKeys));
        var node = ChildProcess.Start("supervisor", "dotnet", [SupervisorDll, "run", "--config", config, "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture), "--dry-run"], dir);
        try
        {
            await node.WaitForLineAsync(Healthy, TimeSpan.FromSeconds(60));
            return node;
        }
        catch
        {
            await node.StopAsync(TimeSpan.FromSeconds(5));
            node.Dispose();
            throw;
        }
    }

    private static string Config(int upsdPort, string deviceKeys) => $$"""
        supervisor {
          data-dir = "data"
          devices {
            ups-1 { driver = nut, host = "127.0.0.1", port = {{upsdPort}}, ups = ups1, stabilize = 1s {{(deviceKeys.Length == 0 ? "" : ", " + deviceKeys)}} }
          }
          groups {
            rack {
              members = [ups-1]
              min-healthy = 1
              startup-grace = 2s
              rearm-after = 1s
              shutdown {
                phases = [
                  { name = vms, steps = [ { host = bench-host, action = stop-vms, timeout = 30s } ] },
                  { name = local-host, steps = [ { host = bench-host, action = poweroff, timeout = 30s } ] }
                ]
              }
            }
          }
          agent {
            host = bench-host
            dry-run = on
            actions {
              stop-vms { command = ["/bin/true"] }
              poweroff { command = ["/bin/true"] }
            }
          }
        }
        """;

    /// <summary>The agent's own timestamp on the first action log line written after <paramref name="after"/>.</summary>
    private static async Task<DateTimeOffset> WaitForActionAsync(string path, DateTimeOffset after, ChildProcess node, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (File.Exists(path))
            {
                var times = (await File.ReadAllLinesAsync(path)).Where(l => l.EndsWith('}'))
                    .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("time").GetDateTimeOffset()).Where(t => t >= after).ToList();
                if (times.Count > 0) return times[0];
            }
            if (node.HasExited) throw new InvalidOperationException($"supervisor exited before acting:\n{node.Tail()}");
            await Task.Delay(5);
        }
        throw new TimeoutException($"no action logged within {timeout.TotalSeconds}s:\n{node.Tail()}");
    }

    /// <summary>src/Supervisor.Node/bin/&lt;this configuration&gt;/net10.0/supervisor.dll (built as a project reference).</summary>
    public static string SupervisorDll
    {
        get
        {
            var here = AppContext.BaseDirectory; // …/bench/Supervisor.Benchmarks/bin/<cfg>/net10.0/
            var dir = new DirectoryInfo(here);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Supervisor.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException($"Supervisor.sln not found above {here}");
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(here)).Parent!.Name;
            var dll = Path.Combine(dir.FullName, "src", "Supervisor.Node", "bin", configuration, "net10.0", "supervisor.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not built");
        }
    }
}
