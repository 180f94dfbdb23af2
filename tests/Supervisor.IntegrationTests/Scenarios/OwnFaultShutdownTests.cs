using Microsoft.Data.Sqlite;

namespace Supervisor.IntegrationTests.Scenarios;

/// <summary>
/// "A fault of our own must never block a shutdown": a real node (in-process, built as `supervisor run` builds it) whose
/// group loses quorum while its data disk is full (a real tmpfs filled to the last block), or after it started on a
/// damaged journal. Before, the full disk held the saga back until space was freed (the group's EpisodeStarted could not
/// be journaled, so Akka.Persistence stopped the group and it was restarted again and again), and a damaged journal left
/// the node running with supervision silently off.
/// </summary>
public sealed class OwnFaultShutdownTests(ITestOutputHelper output) : InProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);
    private const string Complete = @"Saga rack-1-\d{8}T\d{6}: COMPLETE: 2 step\(s\): 2 succeeded";

    /// <summary>The fast outage fleet; the agent's action log outside the data dir, so it is evidence even when the data disk is full.</summary>
    private string Config(string name, string dataDir, string outageAt) => Scenario.WriteConfig(name + ".conf", Hocon.Supervisor(dataDir,
        Hocon.OutageUps(outageAt), Hocon.Group(Hocon.VmsThenPoweroff("it-host")), $$"""
        agent {
          host = it-host
          dry-run = on
          action-log = "{{Path.Combine(Scenario.Dir, name + "-actions.jsonl")}}"
          actions {
            stop-vms { command = ["systemctl", "stop", "libvirt-guests.service"] }
            poweroff { command = ["systemctl", "poweroff"] }
          }
        }
        host-registry = "{{Path.Combine(Scenario.Dir, "registry")}}"
        """));

    private async Task<InProcessNode> StartAsync(string name, string config) =>
        await StartNodeAsync(name, new NodeOptions(ConfigFile: config, Port: LoopbackPort.Free()));

    private static async Task<InProcessNode.LogLine> LineAsync(InProcessNode node, string pattern)
    {
        var until = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < until)
        {
            if (node.Lines.FirstOrDefault(l => Regex.IsMatch(l.Message, pattern)) is { } hit) return hit;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"[{node.Name}] no line /{pattern}/ within {Wait.TotalSeconds}s:\n{node.Tail()}");
    }

    private static async Task<StatusView> StatusAsync(InProcessNode node) =>
        await node.System.ActorSelection("/user/" + InspectorActor.Name).Ask<StatusView>(StatusRequest.Instance, TimeSpan.FromSeconds(10));

    private IReadOnlyList<string> Actions(string name) =>
        File.ReadAllLines(Path.Combine(Scenario.Dir, name + "-actions.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("stepId").GetString()!).ToList();

    /// <summary>Device CRITICAL (quorum lost) to saga COMPLETE, on one node's clock.</summary>
    private static async Task<TimeSpan> ShutdownTookAsync(InProcessNode node)
    {
        var critical = await LineAsync(node, "Device ups-1: DEGRADED -> CRITICAL");
        var complete = await LineAsync(node, Complete);
        return complete.At - critical.At;
    }

    [RootFact]
    public async Task Shutdown_should_run_every_step_once_and_on_time_and_say_persistence_failed_when_the_data_disk_is_full()
    {
        // The same outage on a free disk first: the yardstick.
        var free = await StartAsync("free", Config("free", Path.Combine(Scenario.Dir, "data-free"), outageAt: "6s"));
        var onFreeDisk = await ShutdownTookAsync(free);

        using var disk = new Tmpfs("4m");
        var dataDir = Path.Combine(disk.Dir, "data");
        var full = await StartAsync("full", Config("full", dataDir, outageAt: "6s"));
        await LineAsync(full, "Agent it-host: ready");
        await LineAsync(full, "Group rack: starting");
        disk.Fill(); // before the outage: the episode's start, every saga step and the agent's records meet a full disk

        var onFullDisk = await ShutdownTookAsync(full);
        Output.WriteLine($"CRITICAL -> COMPLETE: free disk {onFreeDisk.TotalMilliseconds:0} ms, full disk {onFullDisk.TotalMilliseconds:0} ms");

        Assert.InRange(onFullDisk, TimeSpan.Zero, onFreeDisk + TimeSpan.FromSeconds(1.5));
        Assert.Equal(["1.1-vms-it-host-stop-vms", "2.1-local-host-it-host-poweroff"], Actions("full")); // each step exactly once
        Assert.Equal(1, full.Count("step 1.1-vms-it-host-stop-vms of saga .*: dry-run, would run"));
        Assert.Equal(1, full.Count("step 2.1-local-host-it-host-poweroff of saga .*: dry-run, would run"));
        var impaired = await LineAsync(full, "Persistence IMPAIRED");
        Assert.Contains(Path.Combine(dataDir, "journal.db"), impaired.Message);
        Assert.Contains("disk full", impaired.Message);
        Assert.Equal(0, full.Count("stopped before finishing|Circuit Breaker is open"));

        var status = await StatusAsync(full);
        var journal = Assert.Single(status.Persistence!);
        Assert.True(journal.Impaired);
        Assert.Contains("held in memory", journal.Summary);
        Assert.Contains($"df -h {dataDir}", journal.Fix);
        // And the operator's own view, from the real CLI: plain words first, with the fix.
        var table = await CliProcess.RunAsync("status", "--node", $"127.0.0.1:{full.Address.Port}");
        Output.WriteLine(table.Stdout + table.Stderr);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"Persistence on {full.Address}: SUPERVISION IMPAIRED: disk full", table.Stdout);
        Assert.Contains($"Fix: free space on the file system of {dataDir}", table.Stdout);

        disk.Free();
        await LineAsync(full, "Persistence restored");
        Assert.False(Assert.Single((await StatusAsync(full)).Persistence!).Impaired);
    }

    public static TheoryData<string> Damage => ["garbage header", "cut short", "corrupt pages", "a directory"];

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task Node_should_move_a_damaged_journal_aside_say_so_loudly_and_still_shut_down(string damage)
    {
        var dataDir = Path.Combine(Scenario.Dir, "data");
        Directory.CreateDirectory(dataDir);
        var journal = Path.Combine(dataDir, "journal.db");
        DamagedJournal(journal, damage);

        var node = await StartAsync("node", Config("node", dataDir, outageAt: "1s"));

        var error = await LineAsync(node, "was damaged");
        Assert.Equal(Akka.Event.LogLevel.ErrorLevel, error.Level);
        Assert.Contains(journal, error.Message);
        Assert.Contains("EMPTY journal", error.Message);
        var movedTo = Assert.Single(Directory.GetFileSystemEntries(dataDir, "journal.db.corrupt-*"), p => !p.EndsWith("-wal") && !p.EndsWith("-shm"));
        Assert.Contains(movedTo, error.Message);
        await LineAsync(node, Complete);
        Assert.Equal(["1.1-vms-it-host-stop-vms", "2.1-local-host-it-host-poweroff"], Actions("node"));

        var status = Assert.Single((await StatusAsync(node)).Persistence!);
        Assert.False(status.Impaired);
        Assert.Contains(status.Notices, n => n.Contains(movedTo));
    }

    private static void DamagedJournal(string journal, string damage)
    {
        if (damage == "a directory")
        {
            Directory.CreateDirectory(journal);
            return;
        }
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journal, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE journal (ordering INTEGER PRIMARY KEY, persistence_id TEXT, payload BLOB); CREATE INDEX ix ON journal(persistence_id);" +
                                  string.Concat(Enumerable.Range(0, 300).Select(i => $"INSERT INTO journal (persistence_id, payload) VALUES ('group-{i % 5}', randomblob(300));"));
            command.ExecuteNonQuery();
        }
        using var file = new FileStream(journal, FileMode.Open);
        switch (damage)
        {
            case "garbage header": file.Write("this is not a database at all, sorry"u8); break;
            case "cut short": file.SetLength(file.Length / 3 + 100); break;
            case "corrupt pages":
                var junk = new byte[4096 * 6];
                new Random(9).NextBytes(junk);
                file.Position = 4096 * 3;
                file.Write(junk);
                break;
        }
    }
}
