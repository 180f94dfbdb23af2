using Supervisor.Tests.RealServers;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Reaction;

/// <summary>
/// Time from the UPS going "OB LB" (upsrw on a real upsd + dummy-ups) to the first shutdown action — our saga's first
/// agent step vs NUT upsmon running SHUTDOWNCMD, with upsmon's defaults and with its poll matched to ours; targets in
/// <see cref="ReactionTargets"/>. upsd and dummy-ups are restarted before every run (upsmon's FSD latches in upsd);
/// contenders take turns per round so machine load hits them alike. Before the runs, <see cref="WatchLoad"/> measures
/// what our status watch costs upsd.
/// <para>
/// Start phase: dummy-ups applies a SET only on its own 1 s tick, so the status becomes visible at a fixed phase of
/// that tick. A contender started right after the restart polls at a fixed phase to it too (upsmon starts within
/// milliseconds and polls every POLLFREQ from then on), which makes its detection time the same in every run rather
/// than spread over its poll period. With <c>--start-phase random</c> (default) every contender starts after a random
/// 0–1 s, so its poll cycle meets the tick at a random point, as it would against a real UPS; <c>after-restart</c>
/// keeps the old rig for comparison.
/// </para>
/// </summary>
public static class ReactionBenchmark
{

    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Int("runs", 5);
        var only = options.String("only", "all");
        var phase = options.String("start-phase", "random");
        var loadSeconds = options.Int("load-seconds", 10);
        options.RejectUnknown();
        if (runs < 1) throw new ArgumentException("--runs must be at least 1");
        if (phase is not ("random" or "after-restart")) throw new ArgumentException($"--start-phase {phase}: use random or after-restart");

        var all = new IContender[]
        {
            new SupervisorContender(warm: false),
            new SupervisorContender(warm: true),
            new UpsmonContender("upsmon defaults", 5, 5, 5),
            new UpsmonContender("upsmon matched", 1, 1, 0),
        };
        var contenders = only switch
        {
            "all" => all,
            "ours" => all[..2],
            "upsmon-default" => [all[2]],
            "upsmon-matched" => [all[3]],
            _ => throw new ArgumentException($"--only {only}: use all, ours, upsmon-default or upsmon-matched"),
        };
        if (!File.Exists(UpsmonContender.UpsmonPath)) throw new InvalidOperationException(UpsdServer.NotInstalled);

        Console.WriteLine($"reaction: {runs} run(s) per contender; machine: {MachineLine()}");
        Console.WriteLine($"supervisor: {SupervisorContender.SupervisorDll}");
        using var upsd = await UpsdServer.StartAsync();
        Console.WriteLine($"upsd + dummy-ups on {upsd.Host}:{upsd.Port} (restarted before every run); start phase: {phase}\n");
        if (loadSeconds > 0) await WatchLoad.RunAsync(upsd, loadSeconds);

        var samples = contenders.ToDictionary(c => c, _ => new List<ReactionSample>());
        var failures = new List<string>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var c in contenders)
            {
                await upsd.RestartAsync();
                if (phase == "random") await Task.Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble()));
                try
                {
                    var s = await c.RunOnceAsync(upsd, run);
                    samples[c].Add(s);
                    Console.WriteLine($"run {run} {c.Label,-22} {F(s.Seconds)} s   (upsrw took {F((s.Flip.Returned - s.Flip.Started).TotalMilliseconds, "0")} ms; " +
                                      $"status visible in upsd {F((s.Flip.Visible - s.Flip.Returned).TotalMilliseconds, "0")} ms after it returned)" +
                                      (s.Milestones.Count == 0 ? "" : "\n      " + string.Join(" | ", s.Milestones.Select(m => $"{m.Name} {F(m.Seconds)}"))));
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    failures.Add($"run {run} {c.Label}: {e.Message}");
                    Console.WriteLine($"run {run} {c.Label,-22} FAILED: {e.Message}");
                }
            }
        }

        var missed = Print(samples, runs);
        foreach (var f in failures) Console.WriteLine($"failed: {f}");
        return failures.Count == 0 && missed == 0 ? 0 : 1;
    }

    /// <returns>How many targets failed.</returns>
    private static int Print(Dictionary<IContender, List<ReactionSample>> samples, int runs)
    {
        Console.WriteLine($"\nSeconds to the first shutdown action ({runs} run(s) each; {MachineLine()}), from `upsrw -s ups.status=\"OB LB\"` returning");
        Console.WriteLine("and from upsd serving the new status (\"visible\": dummy-ups applies a SET on its own 1 s tick, after upsrw returns).\n");
        Console.WriteLine($"| {"contender",-22} | {"settings",-44} | {"upsrw: median",13} | {"max",6} | {"visible: median",15} | {"min",6} | {"max",6} | from visible, each run (s)");
        Console.WriteLine($"|{new string('-', 24)}|{new string('-', 46)}|{new string('-', 15)}|{new string('-', 8)}|{new string('-', 17)}|{new string('-', 8)}|{new string('-', 8)}|---------");
        foreach (var (c, list) in samples)
        {
            var xs = list.Select(s => s.Seconds).ToList();
            var vs = list.Select(ReactionTargets.FromVisible).ToList();
            var settings = c is UpsmonContender u ? u.Settings : SupervisorContender.Settings;
            Console.WriteLine($"| {c.Label,-22} | {settings,-44} | {F(Median(xs)),13} | {F(xs.DefaultIfEmpty(double.NaN).Max()),6} | {F(Median(vs)),15} | " +
                              $"{F(vs.DefaultIfEmpty(double.NaN).Min()),6} | {F(vs.DefaultIfEmpty(double.NaN).Max()),6} | {string.Join(", ", vs.Select(x => F(x, "0.000")))}");
        }

        var ours = samples.Where(p => p.Key is SupervisorContender).ToList();
        foreach (var (c, list) in ours)
        {
            if (list.Count == 0) continue;
            Console.WriteLine($"\n{c.Label}: median seconds after the flip at which each milestone was logged (console log timestamps, ms resolution):");
            var names = list.SelectMany(s => s.Milestones.Select(m => m.Name)).Distinct().ToList();
            double previous = 0;
            foreach (var name in names)
            {
                var at = Median(list.Select(s => s.Milestones.FirstOrDefault(m => m.Name == name)).Where(m => m.Name is not null).Select(m => m.Seconds).ToList());
                Console.WriteLine($"  {name,-20} {F(at),7} s   (+{F((at - previous) * 1000, "0")} ms)");
                previous = at;
            }
        }

        Console.WriteLine();
        var defaults = samples.FirstOrDefault(p => p.Key.Label == "upsmon defaults").Value ?? [];
        var matched = samples.FirstOrDefault(p => p.Key.Label == "upsmon matched").Value ?? [];
        return ReactionTargets.Print(ours.Select(p => (p.Key.Label, p.Value)).ToList(), defaults, matched);
    }
}
