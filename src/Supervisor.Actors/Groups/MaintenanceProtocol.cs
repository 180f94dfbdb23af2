using Supervisor.Domain.Groups;

namespace Supervisor.Actors.Groups;

// Maintenance mode: the `supervisor maintenance start|end|list` CLI (and, later, the HTTP API) → inspector → the fleet
// (singleton root, or the partition that holds the device) → each group of the device, which decides and journals.

/// <summary>
/// A request a sharded fleet routes to one partition: the fleet's inspection fills <see cref="Partition"/> in before it
/// sends the request on (the CLI leaves it null; the singleton fleet ignores it).
/// </summary>
public interface IPartitionAddressed
{
    int? Partition { get; }
}

/// <summary>CLI → inspector → fleet: take <paramref name="Device"/> out of its groups' quorum for <paramref name="Duration"/>.</summary>
/// <param name="By">Who asks (user@host for the CLI): journaled, logged and in the event.</param>
public sealed record MaintenanceStart(string Device, TimeSpan Duration, string Reason, string By) : IWireMessage, IPartitionAddressed
{
    public int? Partition { get; init; }
}

/// <summary>CLI → inspector → fleet: end <paramref name="Device"/>'s maintenance now, in every group that has it.</summary>
public sealed record MaintenanceEnd(string Device, string By) : IWireMessage, IPartitionAddressed
{
    public int? Partition { get; init; }
}

/// <summary>CLI → inspector → fleet: every device in maintenance.</summary>
public sealed record MaintenanceList : IWireMessage, IPartitionAddressed
{
    public static MaintenanceList Instance { get; } = new();

    public int? Partition { get; init; }
}

/// <summary>Answer to a start or an end: done, or refused with the reason (every group's), and the device's windows afterwards.</summary>
public sealed record MaintenanceResult(bool Ok, string Message, IReadOnlyList<MaintenanceView> Windows) : IWireMessage;

/// <summary>Answer to <see cref="MaintenanceList"/>: one row per device in maintenance, device order.</summary>
public sealed record MaintenanceListView(IReadOnlyList<MaintenanceView> Windows) : IWireMessage
{
    /// <summary>Groups that did not answer in time: their devices may be missing from <see cref="Windows"/>.</summary>
    public IReadOnlyList<string> Unanswered { get; init; } = [];
}

/// <summary>One device in maintenance: the groups whose quorum it is out of, and the window (the earliest end when groups differ).</summary>
public sealed record MaintenanceView(string Device, IReadOnlyList<string> Groups, DateTimeOffset Since, DateTimeOffset Until, string Reason, string By);

/// <summary>Fleet root → group actor: decide a maintenance start or end; with <paramref name="DryRun"/>, only say whether it would be refused.</summary>
internal sealed record GroupMaintenance(object Command, bool DryRun);

/// <summary>Group actor → fleet root: <paramref name="Refusal"/> null = accepted (and, unless a dry run, journaled).</summary>
internal sealed record GroupMaintenanceReply(string GroupId, string? Refusal);
