using Supervisor.Domain.Groups;

namespace Supervisor.Actors.Groups;

/// <summary>Ask a group actor for its <see cref="GroupStatus"/>.</summary>
public sealed record GetGroupStatus
{
    public static GetGroupStatus Instance { get; } = new();
}

/// <summary>A group's state as the CLI and tests see it.</summary>
public sealed record GroupStatus(string GroupId, GroupState State, int Episode, string? ActiveSagaId, QuorumCount? Count, TimeSpan? RuntimeEstimate)
{
    /// <summary>Members in maintenance, device order.</summary>
    public IReadOnlyList<MaintenanceWindow> Maintenance { get; init; } = [];
}

internal sealed record GroupTimerTick
{
    public static GroupTimerTick Instance { get; } = new();
}

internal sealed record PowerStateTick
{
    public static PowerStateTick Instance { get; } = new();
}
