namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// The README demo, for real: the built <c>supervisor run</c> with the shipped config/supervisor.conf (two simulated
/// UPSes lose mains at 10 s and 12 s, quorum is lost at ~32 s) must shut rack-a down in order, in dry-run.
/// </summary>
public sealed class ReadmeDemoTests(ITestOutputHelper output) : IDisposable
{
    private readonly Scenario _scenario = new();
    private NodeProcess? _node;

    public void Dispose()
    {
        _node?.Dispose();
        _scenario.Dispose();
    }

    [Fact]
    public async Task ReadmeDemo_should_complete_the_four_phase_dry_run_shutdown_in_order_when_run_with_the_default_config()
    {
        _node = NodeProcess.Start("demo", _scenario.Dir, RepoPaths.DemoConfig, LoopbackPort.Free(), output);

        // Start-up (dotnet, cluster, singleton) is not part of the demo's timeline; on a busy machine it can take a while.
        await _node.WaitForLineAsync("Supervisor: watching 2 device\\(s\\) in 1 group\\(s\\)", TimeSpan.FromSeconds(60));
        await _node.WaitForLineAsync(@"Saga rack-a-1-\d{8}T\d{6}: COMPLETE: 4 step\(s\): 4 succeeded", TimeSpan.FromSeconds(60));

        Assert.Equal(
        [
            ("1.1-vms-demo-host-stop-vms", "stop-vms", true),
            ("2.1-containers-demo-host-stop-containers", "stop-containers", true),
            ("3.1-filesystems-demo-host-sync", "sync", true),
            ("4.1-local-host-demo-host-poweroff", "poweroff", true),
        ], _scenario.ActionLog("data"));
    }
}
