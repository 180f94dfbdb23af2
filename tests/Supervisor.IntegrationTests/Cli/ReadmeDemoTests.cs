namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// The README demo, for real: the built <c>supervisor run</c> with the shipped config/supervisor.conf (two simulated
/// UPSes lose mains at 10 s and 12 s, quorum is lost at ~32 s) must shut rack-a down in order, in dry-run.
/// </summary>
public sealed class ReadmeDemoTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    [Fact]
    public async Task ReadmeDemo_should_complete_the_four_phase_dry_run_shutdown_in_order_and_log_it_without_akka_chatter_when_run_with_the_default_config()
    {
        var node = await StartReadmeDemoAsync();
        // The demo serves its REST API and says where (the harness moves it off 8080 to a free port).
        await node.WaitForLineAsync(@"^supervisor: HTTP API at http://127\.0\.0\.1:\d+/api/v1 \(2 API key\(s\)", TimeSpan.FromSeconds(30));
        await node.WaitForLineAsync(@"^supervisor: dashboard at http://127\.0\.0\.1:\d+/ ", TimeSpan.FromSeconds(30)); // and the web dashboard's
        await node.WaitForLineAsync(@"Saga rack-a-1-\d{8}T\d{6}: COMPLETE: 4 step\(s\): 4 succeeded", TimeSpan.FromSeconds(60));
        // Issue 14: the demo says it is done and what to try next, once, in plain words naming this node and its dashboard.
        await node.WaitForLineAsync(@"^Demo: the outage ran its course: saga (rack-a-1-\d{8}T\d{6}) completed in [\d.]+ s\. Try next: " +
            $@"supervisor sagas show \1 --node 127\.0\.0\.1:{node.Port}, supervisor events --node 127\.0\.0\.1:{node.Port}, " +
            @"the dashboard at http://127\.0\.0\.1:\d+/ \(key demo-viewer-key\), or write your own config with supervisor init --nut HOST\.$", TimeSpan.FromSeconds(30));
        Assert.Equal(1, node.Count("^Demo: "));

        Assert.Equal(
        [
            ("1.1-vms-demo-host-stop-vms", "stop-vms", true),
            ("2.1-containers-demo-host-stop-containers", "stop-containers", true),
            ("3.1-filesystems-demo-host-sync", "sync", true),
            ("4.1-local-host-demo-host-poweroff", "poweroff", true),
        ], Scenario.ActionLog("data"));
        AssertLogWithoutAkkaChatter(node);
    }

    /// <summary>
    /// Issue 14, logs a person can read (checked on the same run, one demo costs ~50 s): the fleet's story without
    /// Akka's plumbing at the default supervisor.log.akka-level.
    /// </summary>
    private static void AssertLogWithoutAkkaChatter(NodeProcess node)
    {
        // Akka's own lines carry a [source] tag; at the default supervisor.log.akka-level none below WARN shows.
        var akkaInfo = node.Lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:\d\d:\d\d\.\d{3} (INFO |DEBUG) \[")).ToList();
        Assert.True(akkaInfo.Count == 0, "Akka info lines in the demo log:\n" + string.Join("\n", akkaInfo));
        Assert.DoesNotContain(node.Lines, l => l.Contains("ClusterSingletonProxy", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Lines, l => l.Contains("ClusterSingletonManager", StringComparison.Ordinal) || l.Contains("Singleton manager", StringComparison.Ordinal));
        Assert.Contains(node.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"INFO  Cluster: akka\.tcp://supervisor@127\.0\.0\.1:\d+ \[agent, supervisor\] is up$"));
    }
}
