namespace Supervisor.History.Writer;

/// <summary>Asks the <see cref="StatsWriterActor"/> for its counters (for <c>supervisor status</c>); answered with <see cref="HistoryStatus"/>.</summary>
public sealed record GetHistoryStatus
{
    public static GetHistoryStatus Instance { get; } = new();
}

/// <summary>
/// The writer's counters since it started. <see cref="FailingSince"/> is set while the database cannot be written;
/// <see cref="LastError"/> is the last fault seen (kept after recovery, with its time in <see cref="LastErrorAt"/>).
/// </summary>
/// <param name="Where">The file path or <c>postgresql host:port/database</c>.</param>
/// <param name="FactsWritten">Facts (samples and events) written.</param>
/// <param name="RowsWritten">Sample rows written (one per metric per sample).</param>
/// <param name="EventsWritten">Events written (re-published ones that were already stored are not counted).</param>
/// <param name="DroppedSamples">Samples dropped because the queue was full.</param>
/// <param name="DroppedEvents">Events dropped because the queue was full of events alone.</param>
/// <param name="Queued">Facts not written yet: in the queue, plus the batch being written.</param>
/// <param name="LastMaintenanceAt">When the last aggregation and retention round finished.</param>
public sealed record HistoryStatus(
    string Where,
    long FactsWritten,
    long RowsWritten,
    long EventsWritten,
    long DroppedSamples,
    long DroppedEvents,
    int Queued,
    DateTimeOffset? LastWriteAt,
    DateTimeOffset? LastMaintenanceAt,
    DateTimeOffset? FailingSince,
    string? LastError,
    DateTimeOffset? LastErrorAt);

/// <summary>Messages the writer sends itself: timers and the results of its I/O jobs.</summary>
internal static class StatsWriterMessages
{
    public sealed record FlushTick { public static FlushTick Instance { get; } = new(); }
    public sealed record MaintenanceTick { public static MaintenanceTick Instance { get; } = new(); }
    public sealed record RetryTick { public static RetryTick Instance { get; } = new(); }
    public sealed record Prepared(IReadOnlyList<Store.HistoryNote> Notes);
    public sealed record Written(Store.WriteResult Result);
    public sealed record MaintenanceStepped(bool More);
    public sealed record IoFailed(Exception Error, IReadOnlyList<Domain.Events.IFleetFact> Batch, string? Repaired);
}
