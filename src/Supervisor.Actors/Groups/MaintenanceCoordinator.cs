using Akka.Actor;
using Supervisor.Actors.Supervision;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Groups;

namespace Supervisor.Actors.Groups;

/// <summary>
/// What the fleet root does with a maintenance request: a device is out of the quorum of every group it is in, so a
/// start asks each of them first (a dry run) and journals in all only when none refuses. A member may change between
/// the two rounds; a group that then refuses has the others rolled back, so a device is never half in maintenance.
/// </summary>
internal sealed class MaintenanceCoordinator(SupervisorSettings settings, IActorContext context)
{
    private static readonly TimeSpan GroupTimeout = TimeSpan.FromSeconds(2); // below the inspector's 4 s, so a slow group is named rather than the whole fleet timing out

    public async Task<MaintenanceResult> StartAsync(MaintenanceStart start)
    {
        if (Unknown(start.Device) is { } unknown) return unknown;
        var groups = GroupsOf(start.Device);
        if (groups.Count == 0)
            return Refused($"device {start.Device} is in no group: maintenance takes a device out of its groups' quorum, and it has none");
        var checks = await Task.WhenAll(groups.Select(g => AskAsync(g, new GroupMaintenance(start, DryRun: true))));
        if (Refusals(checks) is { } refused) return Refused(refused);
        var applied = new List<string>();
        foreach (var g in groups)
        {
            var reply = await AskAsync(g, new GroupMaintenance(start, DryRun: false));
            if (reply.Refusal is null)
            {
                applied.Add(g);
                continue;
            }
            var undo = new MaintenanceEnd(start.Device, $"{start.By} (undone: group {g} refused)");
            await Task.WhenAll(applied.Select(a => AskAsync(a, new GroupMaintenance(undo, DryRun: false))));
            return Refused(reply.Refusal);
        }
        var (windows, _) = await WindowsAsync(start.Device); // applied and journaled: a slow read-back only leaves the time out
        var until = windows.Count > 0 ? MaintenanceRules.Stamp(windows[0].Until) : "?";
        return new MaintenanceResult(true, $"{start.Device} is in MAINTENANCE until {until}, out of the quorum of {string.Join(", ", groups)}", windows);
    }

    public async Task<MaintenanceResult> EndAsync(MaintenanceEnd end)
    {
        if (Unknown(end.Device) is { } unknown) return unknown;
        var (windows, unanswered) = await WindowsAsync(end.Device);
        // A group that did not answer may hold the window: "not in maintenance" would then be a guess.
        if (unanswered.Count > 0) return Refused(NotAnswered(unanswered));
        var groups = windows.SelectMany(w => w.Groups).ToList();
        if (groups.Count == 0) return Refused($"device {end.Device} is not in maintenance (`supervisor maintenance list` shows who is)");
        var replies = await Task.WhenAll(groups.Select(g => AskAsync(g, new GroupMaintenance(end, DryRun: false))));
        if (Refusals(replies) is { } refused) return Refused(refused);
        return new MaintenanceResult(true, $"{end.Device}: maintenance ended in {string.Join(", ", groups)}; it counts in their quorum again", []);
    }

    public async Task<MaintenanceListView> ListAsync()
    {
        var (windows, unanswered) = await WindowsAsync(device: null);
        return new(windows) { Unanswered = unanswered };
    }

    private static string NotAnswered(IReadOnlyList<string> groups) =>
        $"group(s) {string.Join(", ", groups)} did not answer within {GroupTimeout.TotalSeconds:0}s (restarting?); try again";

    /// <summary>
    /// Open windows, one per device (the groups it is out of; the earliest end), device order; one device or all. With
    /// the groups that did not answer, which the caller must name: their windows are unknown, not absent.
    /// </summary>
    private async Task<(IReadOnlyList<MaintenanceView> Windows, IReadOnlyList<string> Unanswered)> WindowsAsync(string? device)
    {
        var groups = device is null ? settings.Groups.Select(g => g.Id).ToList() : GroupsOf(device);
        var replies = await Task.WhenAll(groups.Select(StatusAsync));
        var unanswered = groups.Where((_, i) => replies[i] is null).ToList();
        var statuses = replies.OfType<GroupStatus>();
        var windows = statuses.SelectMany(s => s.Maintenance.Select(w => (s.GroupId, Window: w)))
            .Where(x => device is null || x.Window.DeviceId == device)
            .GroupBy(x => x.Window.DeviceId, StringComparer.Ordinal)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d =>
            {
                var first = d.MinBy(x => x.Window.Until).Window;
                return new MaintenanceView(d.Key, d.Select(x => x.GroupId).ToList(), first.Since, first.Until, first.Reason, first.By);
            }).ToList();
        return (windows, unanswered);
    }

    private MaintenanceResult? Unknown(string device) => settings.Devices.Any(d => d.Id == device)
        ? null
        : Refused($"unknown device \"{device}\"; known devices: {string.Join(", ", settings.Devices.Select(d => d.Id))}");

    private List<string> GroupsOf(string device) => settings.Groups.Where(g => g.Members.Contains(device)).Select(g => g.Id).ToList();

    private static string? Refusals(IEnumerable<GroupMaintenanceReply> replies) =>
        replies.Where(r => r.Refusal is not null).Select(r => r.Refusal!).ToList() is { Count: > 0 } list ? string.Join("; ", list) : null;

    private static MaintenanceResult Refused(string why) => new(false, why, []);

    private async Task<GroupMaintenanceReply> AskAsync(string group, GroupMaintenance request)
    {
        // A group child that is not there (stopped, being re-created) is Nobody, whose Ask throws at once: answered as a
        // group that did not answer, never as a crash of the fleet root that asked.
        try { return Child(group) is { } child && !child.IsNobody() ? await child.Ask<GroupMaintenanceReply>(request, GroupTimeout) : NoAnswer(); }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return NoAnswer();
        }

        GroupMaintenanceReply NoAnswer() => new(group, $"group {group} did not answer within {GroupTimeout.TotalSeconds:0}s (restarting?); try again");
    }

    /// <summary>The group's status, or null when it did not answer in time.</summary>
    private async Task<GroupStatus?> StatusAsync(string group)
    {
        try { return Child(group) is { } child && !child.IsNobody() ? await child.Ask<GroupStatus>(GetGroupStatus.Instance, GroupTimeout) : null; }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    private IActorRef Child(string group) => context.Child(SupervisorRootActor.GroupChildName(group));
}
