namespace Supervisor.IntegrationTests.History;

/// <summary>
/// Issue 11's "done when": the README demo, then `supervisor events` and `supervisor history ups-a --metric charge`
/// against the running node show the outage and the shutdown; `events --follow` shows a new event within a second.
/// </summary>
public sealed class HistoryCliTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private NodeProcess? _node;

    private async Task<string> StartDemoAsync()
    {
        _node = await StartReadmeDemoAsync();
        return $"127.0.0.1:{_node.Port}";
    }

    [Fact]
    public async Task Events_and_history_should_tell_the_demo_outage_and_its_shutdown_when_asked_after_it()
    {
        var node = await StartDemoAsync();
        await _node!.WaitForLineAsync(@"Saga rack-a-1-\d{8}T\d{6}: COMPLETE", TimeSpan.FromSeconds(90));

        var events = await RetryAsync(async () =>
        {
            var r = await CliProcess.RunAsync("events", "--node", node);
            return r.ExitCode == 0 && r.Stdout.Contains("COMPLETE") ? r : null;
        }, TimeSpan.FromSeconds(10));
        Output.WriteLine(events.Stdout);
        var lines = events.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Device ups-a: HEALTHY -> DEGRADED"));
        Assert.Contains(lines, l => l.Contains("Group rack-a: DEGRADED -> QUORUMLOST"));
        Assert.Contains(lines, l => l.Contains("STARTED for group rack-a"));
        foreach (var step in new[] { "1.1-vms-demo-host-stop-vms", "2.1-containers-demo-host-stop-containers", "3.1-filesystems-demo-host-sync", "4.1-local-host-demo-host-poweroff" })
        {
            Assert.Single(lines, l => l.Contains($"step {step} dispatched"));
            Assert.Single(lines, l => l.Contains($"step {step} acked: succeeded"));
        }
        Assert.True(Index(lines, "QUORUMLOST") < Index(lines, "COMPLETE: 4 step(s)"), "the story is in order");

        var chart = await CliProcess.RunAsync("history", "ups-a", "--metric", "charge", "--since", "10m", "--node", node);
        Output.WriteLine(chart.Stdout);
        Assert.Equal(0, chart.ExitCode);
        Assert.Contains("device ups-a · charge (%)", chart.Stdout);
        Assert.Contains("█", chart.Stdout);
        Assert.Matches(@"min \d+(\.\d+)?%  max 100%", chart.Stdout);

        var csv = await CliProcess.RunAsync("history", "ups-a", "--metric", "charge", "--since", "10m", "--csv", "--node", node);
        var rows = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,min,max,avg,last,count", rows[0]);
        Assert.Contains(rows.Skip(1), r => double.Parse(r.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture) < 100); // the battery drained

        var status = await CliProcess.RunAsync("status", "--node", node);
        Assert.Matches(@"History store: ok \(.*stats\.db; \d+ facts written, \d+ queued\)", status.Stdout);
        var statusJson = await CliProcess.RunAsync("status", "--node", node, "--json");
        Assert.True(statusJson.Json.GetProperty("historyStore").GetProperty("factsWritten").GetInt64() > 0);

        var unknown = await CliProcess.RunAsync("history", "ups-z", "--node", node);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no device or group \"ups-z\"", unknown.Stderr);
    }

    [Fact]
    public async Task Events_should_hold_the_config_warnings_the_node_started_with()
    {
        // The demo config plus one likely mistake: a misspelt key the loader warns about and ignores.
        var config = Path.Combine(Scenario.Dir, "with-warning.conf");
        File.WriteAllText(config, File.ReadAllText(RepoPaths.DemoConfig) + "\nsupervisor.stats.retension = 7d\n");
        _node = await StartReadmeDemoAsync(config);

        var events = await RetryAsync(async () =>
        {
            var r = await CliProcess.RunAsync("events", "--kind", "config", "--node", $"127.0.0.1:{_node.Port}");
            return r.ExitCode == 0 && r.Stdout.Contains("retension") ? r : null;
        }, TimeSpan.FromSeconds(10));
        Output.WriteLine(events.Stdout);
        var warning = Assert.Single(events.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("retension"));
        Assert.Contains("WARNING", warning.ToUpperInvariant());
        Assert.Contains("Config supervisor.stats.retension: unknown key \"retension\" is ignored", warning);
    }

    /// <summary>Tries until <paramref name="attempt"/> gives a value (the writer flushes every 250 ms), or fails after <paramref name="within"/>.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T?>> attempt, TimeSpan within) where T : class
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await attempt() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"nothing within {within.TotalSeconds}s");
            await Task.Delay(200);
        }
    }

    private static int Index(string[] lines, string text) => Array.FindIndex(lines, l => l.Contains(text));

    [Fact]
    public async Task Events_follow_should_print_each_new_event_within_a_second_of_it_happening()
    {
        var node = await StartDemoAsync();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { NodeProcess.SupervisorDll, "events", "--follow", "--json", "--since", "5m", "--node", node }) psi.ArgumentList.Add(a);
        using var follow = Process.Start(psi)!;
        var seen = new ConcurrentQueue<(DateTimeOffset Arrived, JsonElement Event)>();
        follow.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && line.StartsWith('{')) seen.Enqueue((DateTimeOffset.UtcNow, JsonDocument.Parse(line).RootElement));
        };
        follow.BeginOutputReadLine();
        try
        {
            await _node!.WaitForLineAsync(@"Saga rack-a-1-\d{8}T\d{6}: COMPLETE", TimeSpan.FromSeconds(90));
            await RetryAsync(() => Task.FromResult(seen.Any(s => s.Event.GetProperty("kind").GetString() == "saga.completed") ? "" : null), TimeSpan.FromSeconds(5));
        }
        finally
        {
            follow.Kill(entireProcessTree: true);
        }

        // Events that happened while the follower was already running (not the backlog it printed first).
        var live = seen.Where(s => s.Event.GetProperty("time").GetDateTimeOffset() > seen.First().Arrived).ToList();
        Assert.True(live.Count >= 10, $"only {live.Count} events arrived live");
        var late = live.Select(s => (s.Arrived - s.Event.GetProperty("time").GetDateTimeOffset()).TotalSeconds).ToList();
        Output.WriteLine($"follow latency over {late.Count} events: median {late.Order().ElementAt(late.Count / 2):0.00}s, max {late.Max():0.00}s");
        Assert.All(late, s => Assert.True(s < 1.0, $"an event arrived {s:0.00}s after it happened"));
        Assert.Equal(live.Count, live.Select(s => s.Event.GetProperty("id").GetString()).Distinct().Count());
    }
}
