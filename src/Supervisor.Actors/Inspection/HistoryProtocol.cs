namespace Supervisor.Actors.Inspection;

// `supervisor history` and `supervisor events`: the CLI asks the inspector on any node, which passes the question to
// the history store's reader on a supervisor node. Plain data, explicit manifests, like the rest of inspection.

/// <summary>CLI → inspector: one metric of a device or group over [From, To), at most MaxPoints points.</summary>
/// <param name="Metric">Null: the subject's main metric (charge for a UPS, power for a plug or meter, healthy for a group).</param>
public sealed record HistoryRequest(string SubjectId, string? Metric, DateTimeOffset From, DateTimeOffset To, int MaxPoints) : IWireMessage;

/// <summary>One point of a history answer: a raw sample (Count 1) or a bucket's aggregate.</summary>
public sealed record HistoryPointView(DateTimeOffset Time, double Min, double Max, double Avg, double Last, long Count);

/// <summary>
/// The answer: which subject and metric, from which tier, the subject's other metrics, and the points; or, when
/// <see cref="Error"/> is set, why there is nothing (unknown subject or metric, history off, store unreadable).
/// </summary>
public sealed record HistoryView(
    string SubjectId,
    string? Kind,
    string? Metric,
    string? Unit,
    string? Tier,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<HistoryPointView> Points,
    string? Error) : IWireMessage;

/// <summary>CLI → inspector: stored events matching every given filter, oldest first, after <see cref="After"/> (a cursor).</summary>
public sealed record EventsRequest(DateTimeOffset? Since, string? Device, string? Group, string? Saga, string? Kind, string? After, int Limit) : IWireMessage;

/// <summary>One stored event as the CLI shows it.</summary>
public sealed record EventView(string Id, DateTimeOffset Time, string Kind, string Severity, string Subject, string Message);

/// <summary>A page of events and the cursor to continue after (for <c>--follow</c>), or why there is none.</summary>
public sealed record EventsView(IReadOnlyList<EventView> Events, string? Next, string? Error) : IWireMessage;
