using System.Globalization;
using Supervisor.Domain.Events;
using Supervisor.Domain.History;

namespace Supervisor.History.Query;

/// <summary>A series question: one metric of one device or group over [<paramref name="From"/>, <paramref name="To"/>), at most <paramref name="MaxPoints"/> points.</summary>
public sealed record SeriesRequest(SeriesSubjectKind Kind, string SubjectId, string Metric, DateTimeOffset From, DateTimeOffset To, int MaxPoints = 500);

/// <summary>The answer: which tier it came from, the metric's unit (null when the store has no such series) and the points.</summary>
public sealed record SeriesAnswer(SeriesRequest Request, HistoryTier Tier, string? Unit, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// Which events to list; every criterion is optional and they combine with AND. <paramref name="Kind"/> is exact
/// (<c>saga.step-failed</c>) or, without a dot, a family (<c>saga</c> = every <c>saga.*</c>). <paramref name="MinSeverity"/>
/// keeps that severity and worse.
/// </summary>
public sealed record EventFilter(
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Device = null,
    string? Group = null,
    string? Saga = null,
    string? Kind = null,
    EventSeverity? MinSeverity = null);

/// <summary>
/// A position in the event list: events are ordered by (time, id), so "after this cursor" never repeats or skips one
/// that was stored when the page was read. Text form <c>&lt;unix ms&gt;:&lt;id&gt;</c> for the CLI's <c>--after</c>.
/// </summary>
public sealed record EventCursor(long TimeMs, string Id)
{
    public override string ToString() => $"{TimeMs.ToString(CultureInfo.InvariantCulture)}:{Id}";

    public static EventCursor Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
            throw new FormatException($"\"{text}\" is not an event cursor; it looks like 1733490000000:device-ups-a@1733490000000:Critical");
        return new EventCursor(ms, text[(colon + 1)..]);
    }
}

/// <summary>One stored event as read back; <see cref="Details"/> is the JSON of the original record.</summary>
public sealed record StoredEvent(
    string Id,
    DateTimeOffset Time,
    string Kind,
    EventSeverity Severity,
    string SubjectKind,
    string SubjectId,
    string? GroupId,
    string? SagaId,
    string Message,
    string Details)
{
    public EventCursor Cursor => new(Time.ToUnixTimeMilliseconds(), Id);
}

/// <summary>A page of events and the cursor to continue from (the last event's, or the one asked with when the page is empty).</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, EventCursor? Next);

/// <summary>Minimum, mean and maximum of a metric over a window.</summary>
public sealed record MetricSummary(double Min, double Avg, double Max);

/// <summary>
/// One device over the last 24 h, for <c>supervisor report</c>. From the 5-minute tier, so the newest few minutes
/// (not yet aggregated) are not in it. <see cref="OnBattery"/> is estimated: the on-battery share of each bucket × 5 min.
/// </summary>
public sealed record DeviceDaySummary(string DeviceId, MetricSummary? Charge, MetricSummary? Load, MetricSummary? Power, TimeSpan OnBattery);
