namespace Supervisor.Actors.Tests.Hosting;

/// <summary>The data dir as `validate` checks it and `run` prepares it, on real directories and a real read-only mount.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("supervisor-datadir-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    [Fact]
    public void Check_should_name_supervisor_data_dir_and_say_it_is_a_file_when_the_data_dir_is_a_file()
    {
        var file = Path.Combine(_root, "data");
        File.WriteAllText(file, "not a dir");
        var error = Assert.Single(DataDirectory.Check(file).Errors);
        Assert.Equal("supervisor.data-dir", error.Path);
        Assert.Contains($"{file} is a file, not a directory", error.Message);
    }

    [Fact]
    public void Check_should_say_it_cannot_be_created_when_a_parent_is_a_file()
    {
        File.WriteAllText(Path.Combine(_root, "blocker"), "");
        var error = Assert.Single(DataDirectory.Check(Path.Combine(_root, "blocker", "data")).Errors);
        Assert.Equal("supervisor.data-dir", error.Path);
        Assert.Contains("cannot be created", error.Message);
    }

    [Fact]
    public void Check_should_accept_a_missing_creatable_data_dir_and_create_nothing()
    {
        var dir = Path.Combine(_root, "new", "data");
        var check = DataDirectory.Check(dir);
        Assert.Empty(check.Errors);
        Assert.False(Directory.Exists(Path.Combine(_root, "new")), "validate must not create anything");
    }

    [RootFact]
    public void Check_should_report_a_read_only_file_system_with_the_fix_when_the_data_dir_is_on_one()
    {
        using var disk = new Tmpfs("1m");
        disk.RemountReadOnly();
        var error = Assert.Single(DataDirectory.Check(disk.Dir).Errors);
        Assert.Equal("supervisor.data-dir", error.Path);
        Assert.Contains("read-only file system", error.Message);
        Assert.Contains("remount it read-write or choose a data-dir", error.Message);
    }

    [Fact]
    public void Prepare_should_create_the_data_dir_owner_only()
    {
        var dir = Path.Combine(_root, "fresh");
        Assert.Empty(DataDirectory.Prepare(dir, []));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
    }

    [Fact]
    public void Prepare_should_narrow_a_world_open_data_dir_and_its_files_and_say_so_when_it_holds_only_supervisor_files()
    {
        var dir = Path.Combine(_root, "open");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "journal.db"), "");
        File.WriteAllText(Path.Combine(dir, "agent-actions.jsonl"), "{}\n");
        File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("777", 8));
        File.SetUnixFileMode(Path.Combine(dir, "journal.db"), (UnixFileMode)Convert.ToInt32("666", 8));
        File.SetUnixFileMode(Path.Combine(dir, "agent-actions.jsonl"), (UnixFileMode)Convert.ToInt32("644", 8));

        var notices = DataDirectory.Prepare(dir, ["agent-actions.jsonl"]);

        Assert.Equal("750", Mode(dir));
        Assert.Equal("640", Mode(Path.Combine(dir, "journal.db")));
        Assert.Equal("640", Mode(Path.Combine(dir, "agent-actions.jsonl")));
        Assert.Contains(notices, n => n.Contains($"data dir {dir} was 0777") && n.Contains("narrowed it to 0750"));
    }

    [Fact]
    public void Prepare_should_warn_and_leave_a_shared_directory_alone_when_it_holds_other_files()
    {
        var dir = Path.Combine(_root, "shared");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "someone-elses.txt"), "");
        File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));

        var notice = Assert.Single(DataDirectory.Prepare(dir, []));

        Assert.Equal("755", Mode(dir));
        Assert.Contains("other users can read the journal", notice);
        Assert.Contains($"chmod 0750 {dir}", notice);
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
