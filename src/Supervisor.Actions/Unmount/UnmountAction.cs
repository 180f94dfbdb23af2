using Supervisor.Actions.Command;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Agents.Actions;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Doctor;

namespace Supervisor.Actions.Unmount;

/// <summary>
/// <c>type = unmount</c>: <c>sync</c>, then <c>umount</c> (<c>-l</c> when lazy) each mount point, inner ones first, and
/// confirm in /proc/self/mountinfo that it is gone. The probe checks that each path exists and is a mount point now
/// and that sync and umount are installed.
/// </summary>
public sealed class UnmountAction(UnmountSpec spec) : IShutdownAction
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    public async Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct)
    {
        var started = run.Clock.GetTimestamp();
        TimeSpan Left() => run.Timeout - run.Clock.GetElapsedTime(started) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

        // sync may hang on a dead network file system; it gets half the time so the umounts still get theirs.
        var sync = await ProcessRun.RunAsync(["sync"], run.Timeout / 2, ct);
        var syncProblem = sync.Problem ?? (sync.ExitedZero ? null : $"exited {sync.ExitCode}: {sync.Output}");
        var outcomes = new List<TargetOutcome>();
        foreach (var mountPoint in UnmountRules.Order(spec.MountPoints))
        {
            if (ct.IsCancellationRequested) return ActionOutcome.Failed("the agent was stopping; " + UnmountRules.Summary(outcomes, syncProblem)) with { Targets = outcomes };
            outcomes.Add(await UnmountAsync(mountPoint, Left, ct));
        }
        return new ActionOutcome(outcomes.All(o => o.Succeeded), null, UnmountRules.Summary(outcomes, syncProblem)) { Targets = outcomes };
    }

    /// <summary>umount as often as file systems are stacked on the path (each call takes the top one), then look again.</summary>
    private async Task<TargetOutcome> UnmountAsync(string mountPoint, Func<TimeSpan> left, CancellationToken ct)
    {
        if (ReadMounts(out var readProblem) is not { } before) return new(mountPoint, false, readProblem!);
        var stacked = MountInfo.CountAt(before, mountPoint);
        if (stacked == 0) return UnmountRules.NotMounted(mountPoint);
        ProcessResult last = new(0, "", null);
        for (var i = 0; i < stacked; i++)
        {
            last = await ProcessRun.RunAsync(spec.Lazy ? ["umount", "-l", mountPoint] : ["umount", mountPoint], left(), ct);
            if (!last.ExitedZero) break;
        }
        if (ReadMounts(out readProblem) is not { } after) return new(mountPoint, false, readProblem!);
        var output = last.Problem is { } p ? $"umount {p}" + (last.Output.Length > 0 ? $": {last.Output}" : "") : last.Output;
        return UnmountRules.Outcome(mountPoint, spec.Lazy, last.ExitedZero, output, MountInfo.CountAt(after, mountPoint) > 0);
    }

    public Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct)
    {
        var programs = new[] { "sync", "umount" }
            .Select(p => ProgramLocator.Find(p, out var problem) is null ? problem : null).OfType<string>().ToList();
        if (ReadMounts(out var readProblem) is not { } mounts) return Task.FromResult(ActionOutcome.Failed($"dry-run: {readProblem}"));
        var targets = UnmountRules.Order(spec.MountPoints).Select(mp =>
            !Directory.Exists(mp) ? new TargetOutcome(mp, false, "does not exist on this host; correct the path (findmnt lists mount points)")
            : MountInfo.CountAt(mounts, mp) == 0 ? new TargetOutcome(mp, false, "exists but nothing is mounted there now; correct the path (findmnt lists mount points) or remove it")
            : new TargetOutcome(mp, true, $"mounted ({mounts.Last(m => m.MountPoint == mp).FileSystemType} from {mounts.Last(m => m.MountPoint == mp).Source}); would be unmounted{(spec.Lazy ? " lazily" : "")}")).ToList();
        var ok = programs.Count == 0 && targets.All(t => t.Succeeded);
        var summary = ok
            ? $"dry-run: would sync and unmount {string.Join(", ", targets.Select(t => t.Target))}{(spec.Lazy ? " (lazy)" : "")}"
            : "dry-run: " + string.Join("; ", [.. programs, .. targets.Where(t => !t.Succeeded).Select(t => t.ToString())]);
        return Task.FromResult(new ActionOutcome(ok, ok ? 0 : null, summary) { Targets = targets });
    }

    private static IReadOnlyList<MountEntry>? ReadMounts(out string? problem)
    {
        try
        {
            problem = null;
            return MountInfo.Parse(File.ReadAllText(MountInfoPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read {MountInfoPath} to check the mounts: {ex.Message} (is /proc mounted?)";
            return null;
        }
    }
}
