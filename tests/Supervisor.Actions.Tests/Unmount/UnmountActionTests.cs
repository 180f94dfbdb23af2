using Supervisor.Actions.Unmount;
using Supervisor.Domain.Doctor;
using Supervisor.Tests.RealServers;

namespace Supervisor.Actions.Tests.Unmount;

/// <summary>The unmount action against real tmpfs mounts made by each test (root only; CI runs as root).</summary>
public sealed class UnmountActionTests
{
    private static ActionRun Run(UnmountSpec spec, double timeoutSeconds = 20) =>
        new(new AgentAction("unmount-data", spec, TimeSpan.FromSeconds(timeoutSeconds)), TimeProvider.System);

    private static Task<ActionOutcome> Act(UnmountSpec spec) => ShutdownActionFactory.Create(spec).RunAsync(Run(spec), CancellationToken.None);

    private static Task<ActionOutcome> Probe(UnmountSpec spec) => ShutdownActionFactory.Create(spec).ProbeAsync(Run(spec), CancellationToken.None);

    private static bool Mounted(string dir) => MountInfo.CountAt(MountInfo.Parse(File.ReadAllText("/proc/self/mountinfo")), dir) > 0;

    [RootFact]
    public async Task A_mounted_tmpfs_is_unmounted_and_confirmed_gone_from_mountinfo()
    {
        using var fs = new Tmpfs();
        Assert.True(Mounted(fs.Dir));
        var o = await Act(new UnmountSpec([fs.Dir + "/"], Lazy: false));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal($"{fs.Dir}: unmounted", Assert.Single(o.Targets).ToString());
        Assert.Equal("1 of 1 mount point unmounted", o.Output);
        Assert.False(Mounted(fs.Dir));
    }

    [RootFact]
    public async Task A_mount_point_with_a_space_in_its_path_is_found_through_mountinfos_octal_escape()
    {
        using var fs = new Tmpfs(prefix: "supervisor tmpfs ");
        var o = await Act(new UnmountSpec([fs.Dir], Lazy: false));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal("unmounted", Assert.Single(o.Targets).Detail);
        Assert.False(Mounted(fs.Dir));
    }

    /// <summary>A fresh directory with nothing mounted on it, removed afterwards.</summary>
    private static async Task WithPlainDirectory(Func<string, Task> test)
    {
        var dir = Directory.CreateTempSubdirectory("supervisor-not-mounted-").FullName;
        try { await test(dir); }
        finally { Directory.Delete(dir); }
    }

    [RootFact]
    public Task A_path_that_is_not_mounted_counts_as_done() => WithPlainDirectory(async dir =>
    {
        var o = await Act(new UnmountSpec([dir], Lazy: false));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal($"{dir}: not mounted", Assert.Single(o.Targets).ToString());
    });

    [RootFact]
    public async Task A_busy_mount_point_fails_with_umounts_message_and_the_fixes_and_stays_mounted()
    {
        using var fs = new Tmpfs();
        using (var held = new FileStream(Path.Combine(fs.Dir, "open.log"), FileMode.Create))
        {
            var o = await Act(new UnmountSpec([fs.Dir], Lazy: false));
            Assert.False(o.Succeeded);
            var t = Assert.Single(o.Targets);
            Assert.False(t.Succeeded);
            Assert.StartsWith($"busy: umount: {fs.Dir}: target is busy", t.Detail);
            Assert.EndsWith($"stop what holds it open (fuser -vm {fs.Dir} lists it), or set lazy = on to detach it now", t.Detail);
            Assert.Contains("0 of 1 mount point unmounted", o.Output);
            Assert.True(Mounted(fs.Dir));
        }
    }

    [RootFact]
    public async Task Lazy_detaches_a_busy_mount_point_at_once()
    {
        using var fs = new Tmpfs();
        using var held = new FileStream(Path.Combine(fs.Dir, "open.log"), FileMode.Create);
        var o = await Act(new UnmountSpec([fs.Dir], Lazy: true));
        Assert.True(o.Succeeded, o.Output);
        Assert.StartsWith("unmounted lazily", Assert.Single(o.Targets).Detail);
        Assert.False(Mounted(fs.Dir));
        held.Write([1, 2, 3]); // the open file still works: lazy only detached the name
    }

    [RootFact]
    public async Task Each_mount_point_gets_its_own_outcome_and_one_failure_fails_the_action()
    {
        using var free = new Tmpfs();
        using var busy = new Tmpfs();
        using var held = new FileStream(Path.Combine(busy.Dir, "open.log"), FileMode.Create);
        var o = await Act(new UnmountSpec([free.Dir, busy.Dir], Lazy: false));
        Assert.False(o.Succeeded);
        Assert.Equal([true, false], o.Targets.Select(t => t.Succeeded));
        Assert.False(Mounted(free.Dir));
        Assert.True(Mounted(busy.Dir));
    }

    [RootFact]
    public async Task The_probe_lists_what_it_would_unmount_and_changes_nothing()
    {
        using var fs = new Tmpfs();
        var o = await Probe(new UnmountSpec([fs.Dir], Lazy: false));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal($"dry-run: would sync and unmount {fs.Dir}", o.Output);
        Assert.Equal("mounted (tmpfs from tmpfs); would be unmounted", Assert.Single(o.Targets).Detail);
        Assert.True(Mounted(fs.Dir));
    }

    [RootFact]
    public Task The_probe_fails_for_a_path_that_is_missing_or_not_a_mount_point() => WithPlainDirectory(async dir =>
    {
        var o = await Probe(new UnmountSpec([dir, "/nonexistent/supervisor-mnt"], Lazy: false));
        Assert.False(o.Succeeded);
        Assert.Equal("exists but nothing is mounted there now; correct the path (findmnt lists mount points) or remove it", o.Targets[0].Detail);
        Assert.Equal("does not exist on this host; correct the path (findmnt lists mount points)", o.Targets[1].Detail);
        Assert.StartsWith("dry-run: " + dir + ": FAILED, exists but nothing is mounted", o.Output);
    });
}
