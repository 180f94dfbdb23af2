namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// A second `supervisor run` next to a running one, as real processes: one node per data dir (the lock file), one per
/// address (the cluster port), and a warning for a second supervisor of the same fleet with a journal of its own.
/// Before these guards the second node started, bound the same port (SO_REUSEPORT) and, from another working
/// directory, ran the live shutdown a second time under its own saga id.
/// </summary>
public sealed class OneNodeGuardTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    private string Registry => Path.Combine(Scenario.Dir, "registry");

    /// <summary>The fast fleet with its outage far off: these tests are about starting, not shutting down.</summary>
    private string Config(string dataDir) => Scenario.WriteConfig("node.conf",
        Hocon.FastOutage(dataDir, outageAt: "600s", extra: $"host-registry = \"{Registry}\""));

    private static async Task<NodeProcess> RunningAsync(NodeProcess node)
    {
        await node.WaitForLineAsync("Group rack: (starting|STARTING -> HEALTHY)", Wait);
        return node;
    }

    /// <summary>Everything <paramref name="node"/> printed, once it gave up with exit 1 (within 30 s).</summary>
    private static async Task<string> RefusedAsync(NodeProcess node)
    {
        var exit = await node.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, exit);
        return string.Join("\n", node.Lines);
    }

    [Fact]
    public async Task Run_should_refuse_a_second_node_on_the_same_data_dir_and_quote_the_holders_pid()
    {
        var config = Config("data");
        var first = await RunningAsync(Start("first", config, LoopbackPort.Free()));

        var second = Start("second", config, LoopbackPort.Free()); // same file, same working dir: same data dir, another port
        var text = await RefusedAsync(second);

        Assert.Contains("error: supervisor.data-dir:", text);
        Assert.Contains($"is in use by another supervisor node (pid {first.Pid}", text);
        Assert.Contains("one node per data dir", text);
        Assert.DoesNotContain("Group rack", text);
        Assert.False(first.HasExited);
        // The holder wrote itself into the lock file (read past the lock, as `cat` would).
        Assert.StartsWith($"pid {first.Pid}\naddress akka.tcp://supervisor@127.0.0.1:{first.Port}", Actors.Hosting.UnixFiles.ReadUnlocked(Path.Combine(Scenario.Dir, "data", "supervisor.lock")));
    }

    [Fact]
    public async Task Run_should_refuse_a_second_node_on_the_same_cluster_port_when_it_runs_from_another_working_directory()
    {
        var config = Config("data"); // relative: each working directory gets its own data dir, as with a manual run next to the service
        var port = LoopbackPort.Free();
        var first = await RunningAsync(Start("first", config, port));
        var elsewhere = Directory.CreateDirectory(Path.Combine(Scenario.Dir, "elsewhere")).FullName;

        var second = StartIn(elsewhere, "second", config, port);
        var text = await RefusedAsync(second);

        Assert.Contains("error: akka.remote.dot-netty.tcp.port:", text);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use by supervisor pid {first.Pid}", text);
        Assert.Contains("--port", text);
        Assert.False(first.HasExited);
        Assert.False(File.Exists(Path.Combine(elsewhere, "data", "journal.db")), "a refused node must not have opened a journal");
    }

    [Fact]
    public async Task Run_should_warn_about_another_supervisor_of_the_same_fleet_with_its_own_journal_on_this_host()
    {
        var config = Config("data");
        var first = await RunningAsync(Start("first", config, LoopbackPort.Free()));
        var elsewhere = Directory.CreateDirectory(Path.Combine(Scenario.Dir, "elsewhere")).FullName;

        var second = await RunningAsync(StartIn(elsewhere, "second", config, LoopbackPort.Free()));

        var warning = await second.WaitForLineAsync("another supervisor on this host watches the same fleet", Wait);
        Assert.Contains($"pid {first.Pid}", warning);
        Assert.Contains(Path.Combine(Scenario.Dir, "data"), warning);
        Assert.Contains("BOTH start a shutdown saga", warning);
        Assert.Equal(0, first.Count("another supervisor on this host"));
    }

    [Fact]
    public async Task Run_should_start_again_at_once_on_the_same_data_dir_and_port_after_the_node_was_killed()
    {
        var config = Config("data");
        var port = LoopbackPort.Free();
        var first = await RunningAsync(Start("first", config, port));
        first.Kill(); // SIGKILL: the lock file stays behind, but its lock died with the process

        var again = await RunningAsync(Start("again", config, port));

        Assert.Equal(0, again.Count("error:"));
        Assert.Equal(0, again.Count("another supervisor on this host"));
    }
}
