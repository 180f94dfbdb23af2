using Supervisor.Tests.RealServers;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// <c>supervisor doctor</c> as a real process: a healthy config passes with every row OK or WARN; a data dir that is a
/// file or read-only, a device that does not answer and a damaged journal each give a FAIL row with its fix and exit 1,
/// never a stack trace.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DoctorCommandTests : ScenarioTest
{
    private string Config(string dataDir, string devices = DoctorCli.SimulatedUps) => Scenario.WriteConfig("node.conf", DoctorCli.Config(dataDir, devices));

    private string DataDir => Path.Combine(Scenario.Dir, "data");

    private Task<CliProcess.Result> Doctor(string config, params string[] more) => DoctorCli.RunAsync(Scenario.Dir, config, more);

    private static string[] Rows(CliProcess.Result r) => DoctorCli.Rows(r);

    [Fact]
    public async Task Doctor_should_exit_0_with_every_row_ok_or_warn_for_the_shipped_demo_config()
    {
        File.Copy(Path.Combine(RepoPaths.Root, "config/supervisor.conf"), Path.Combine(Scenario.Dir, "supervisor.conf"));
        var r = await Doctor("supervisor.conf");
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var rows = Rows(r);
        Assert.Contains(rows, l => l.StartsWith("OK      config", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.Contains("device ups-a", StringComparison.Ordinal) && l.Contains("answered", StringComparison.Ordinal));
        Assert.Contains(rows, l => l.Contains("data dir local", StringComparison.Ordinal));
        Assert.All(rows, l => Assert.True(l.StartsWith("OK ", StringComparison.Ordinal) || l.StartsWith("WARN ", StringComparison.Ordinal), l));
    }

    [Fact]
    public async Task Doctor_should_check_an_existing_journal_and_stats_db_for_integrity_and_wal_mode()
    {
        var config = Config(DataDir);
        // A node that ran once leaves both files in WAL mode; make them the way it does.
        Directory.CreateDirectory(DataDir, FilePermissionsOwnerOnly);
        foreach (var name in new[] { "journal.db", "stats.db" }) MakeWalDatabase(Path.Combine(DataDir, name));
        var r = await Doctor(config, "--json");
        Assert.Equal(0, r.ExitCode);
        var checks = r.Json.GetProperty("checks").EnumerateArray().ToList();
        string Detail(string check) => checks.Single(c => c.GetProperty("check").GetString() == check).GetProperty("detail").GetString()!;
        Assert.Contains("integrity_check ok", Detail("journal"));
        Assert.Equal("journal_mode = wal", Detail("journal mode"));
        Assert.Contains("integrity_check ok", Detail("stats store"));
        Assert.Contains("owner only", Detail("data dir permissions"));
    }

    [Fact]
    public async Task Doctor_should_exit_1_with_a_config_row_per_error_and_its_fix_when_the_config_is_broken()
    {
        var r = await Doctor(Scenario.WriteConfig("broken.conf", "supervisor { devices { x { driver = nut } } }"));
        var row = DoctorCli.SingleFailRow(r, l => l.Contains("supervisor.devices.x.host", StringComparison.Ordinal));
        Assert.EndsWith("supervisor.devices.x.host: missing", row);
        Assert.Contains("fix: set the upsd host name or address", r.Stdout);
        Assert.DoesNotContain(Rows(r), l => l.Contains("data dir", StringComparison.Ordinal)); // nothing else can be checked without a config
    }

    [Fact]
    public async Task Doctor_should_exit_1_with_the_fix_when_the_data_dir_is_a_file()
    {
        File.WriteAllText(DataDir, "");
        var r = await Doctor(Config(DataDir));
        var row = DoctorCli.SingleFailRow(r, l => l.Contains(" data dir ", StringComparison.Ordinal));
        Assert.EndsWith($"{DataDir} is a file, not a directory", row);
        Assert.Contains("fix: point data-dir at a directory", r.Stdout);
    }

    [RootFact]
    public async Task Doctor_should_exit_1_with_the_fix_when_the_data_dir_is_on_a_read_only_file_system()
    {
        using var disk = new Tmpfs("1m");
        disk.RemountReadOnly();
        var r = await Doctor(Config(disk.Dir));
        DoctorCli.SingleFailRow(r, l => l.Contains($"{disk.Dir} is not writable", StringComparison.Ordinal));
        Assert.Contains("fix: it is on a read-only file system: remount it read-write", r.Stdout);
    }

    [Fact]
    public async Task Doctor_should_exit_1_with_a_fail_row_naming_the_device_and_its_host_when_a_nut_device_does_not_answer()
    {
        var port = LoopbackPort.Free();
        var r = await Doctor(Config(DataDir, $"ups-a {{ driver = nut, host = \"127.0.0.1\", port = {port}, ups = ups1, timeout = 2s }}"));
        var row = DoctorCli.SingleFailRow(r, l => l.Contains("device ups-a", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port}", row);
        Assert.Contains("fix: check that 127.0.0.1 is up and reachable", r.Stdout);
    }

    [Fact]
    public async Task Doctor_should_exit_1_with_the_fix_when_the_sqlite_journal_is_garbage()
    {
        Directory.CreateDirectory(DataDir, FilePermissionsOwnerOnly);
        var journal = Path.Combine(DataDir, "journal.db");
        File.WriteAllBytes(journal, Enumerable.Range(0, 8192).Select(i => (byte)(i * 37 % 251)).ToArray());
        var r = await Doctor(Config(DataDir));
        var row = DoctorCli.SingleFailRow(r, l => l.Contains(" journal ", StringComparison.Ordinal));
        Assert.Contains(journal, row);
        Assert.Contains("fix: stop the node and start it again: `run` moves a damaged journal aside", r.Stdout);
        Assert.True(File.Exists(journal), "doctor must not move or repair anything");
    }

    [Fact]
    public async Task Doctor_should_exit_1_with_a_fail_row_when_the_node_named_by_node_does_not_answer()
    {
        var port = LoopbackPort.Free();
        var r = await Doctor(Config(DataDir), "--node", $"127.0.0.1:{port}");
        Assert.Equal(1, r.ExitCode);
        var row = Assert.Single(Rows(r), l => l.StartsWith("FAIL    node ", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port}", row);
        Assert.Contains("fix: start the node, or pass --node host:port of a running one", r.Stdout);
    }

    private const UnixFileMode FilePermissionsOwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static void MakeWalDatabase(string path)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);";
        command.ExecuteNonQuery();
    }
}
