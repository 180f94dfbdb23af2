namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// <c>supervisor.data-dir</c> as <c>validate</c> checks it and <c>run</c> meets it: a file, an empty value, a read-only
/// file system give an error naming the key and the fix (never a stack trace); awkward characters just work; and what
/// <c>run</c> creates there is owner-only whatever the umask.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DataDirCommandTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private static string HoconString(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private string Config(string dataDir, string outageAt = "600s") =>
        Scenario.WriteConfig("node.conf", Hocon.FastOutage(HoconString(dataDir), outageAt, $"host-registry = \"{Path.Combine(Scenario.Dir, "registry")}\""));

    private (int Exit, string Output) Validate(string file) => ValidateCli.Run(file, Output);

    private NodeProcess Start(string config, string? umask = null) =>
        Track(NodeProcess.StartWithUmask(umask, "node", Scenario.Dir, config, LoopbackPort.Free(), Output));

    [Fact]
    public void Validate_should_exit_1_naming_supervisor_data_dir_when_the_data_dir_is_a_file()
    {
        var file = Path.Combine(Scenario.Dir, "data");
        File.WriteAllText(file, "");
        var (exit, text) = Validate(Config(file));
        Assert.Equal(1, exit);
        Assert.Contains($"error: supervisor.data-dir: {file} is a file, not a directory", text);
    }

    [Fact]
    public void Validate_should_exit_1_naming_supervisor_data_dir_when_it_is_empty()
    {
        var (exit, text) = Validate(Config(""));
        Assert.Equal(1, exit);
        Assert.Contains("error: supervisor.data-dir: is empty", text);
    }

    [RootFact]
    public void Validate_should_exit_1_with_the_fix_when_the_data_dir_is_on_a_read_only_file_system()
    {
        using var disk = new Tmpfs("1m");
        disk.RemountReadOnly();
        var (exit, text) = Validate(Config(disk.Dir));
        Assert.Equal(1, exit);
        Assert.Contains($"error: supervisor.data-dir: {disk.Dir} is not writable", text);
        Assert.Contains("read-only file system", text);
    }

    [Fact]
    public void Validate_should_say_ok_and_show_the_full_path_when_the_data_dir_holds_a_quote_a_semicolon_and_a_backslash()
    {
        var dir = Path.Combine(Scenario.Dir, "we;ird \"data\"\\dir");
        var (exit, text) = Validate(Config(dir));
        Assert.Equal(0, exit);
        Assert.Contains($"Data dir: {dir} (will be created, mode 0700)", text);
    }

    [Fact]
    public async Task Run_should_exit_1_naming_supervisor_data_dir_without_a_stack_trace_when_the_data_dir_is_a_file()
    {
        var file = Path.Combine(Scenario.Dir, "data");
        File.WriteAllText(file, "");
        var node = Start(Config(file));
        Assert.Equal(1, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var text = string.Join("\n", node.Lines);
        Assert.Contains($"error: supervisor.data-dir: {file} is a file, not a directory", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Unhandled exception", text);
    }

    [RootFact]
    public async Task Run_should_exit_1_naming_supervisor_data_dir_when_the_data_dir_is_on_a_read_only_file_system()
    {
        using var disk = new Tmpfs("1m");
        disk.RemountReadOnly();
        var node = Start(Config(disk.Dir));
        Assert.Equal(1, await node.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var text = string.Join("\n", node.Lines);
        Assert.Contains($"error: supervisor.data-dir: {disk.Dir} is not writable", text);
        Assert.Contains("not starting", text);
    }

    [Fact]
    public async Task Run_should_shut_down_and_keep_everything_in_the_named_data_dir_when_it_holds_a_quote_a_semicolon_and_a_backslash()
    {
        var dir = Path.Combine(Scenario.Dir, "we;ird \"data\"\\dir");
        var node = Start(Config(dir, outageAt: "1s"));
        await node.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE: 2 step\\(s\\): 2 succeeded", TimeSpan.FromSeconds(60));

        Assert.True(File.Exists(Path.Combine(dir, "journal.db")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "agent-actions.jsonl")).Length);
        // Nothing next to it under a cut-short name ("we" from "we;ird…") or another spelling.
        Assert.Equal(new[] { Path.GetFileName(dir), "node.conf", "registry" }.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(Scenario.Dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [RootFact]
    public async Task Run_should_keep_the_data_dir_and_every_file_in_it_owner_only_when_the_umask_is_000()
    {
        var dir = Path.Combine(Scenario.Dir, "data");
        var node = Start(Config(dir, outageAt: "1s"), umask: "000");
        await node.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE", TimeSpan.FromSeconds(60));

        Assert.Equal("700", Mode(dir));
        foreach (var file in new[] { "journal.db", "journal.db-wal", "journal.db-shm", "agent-actions.jsonl", "supervisor.lock" })
            Assert.True(Mode(Path.Combine(dir, file)) == "600", $"{file} is {Mode(Path.Combine(dir, file))}, not 600");
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
