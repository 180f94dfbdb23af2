using Akka.Actor;
using Akka.Event;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.History;

namespace Supervisor.History.Query;

/// <summary>
/// Answers the inspector's <see cref="HistoryRequest"/> and <see cref="EventsRequest"/> from the store (the CLI's
/// <c>history</c> and <c>events</c>, later the web). Queries run off the actor thread and their answers are piped back;
/// a store that cannot be read is an answer with the reason, never a crash or a silent timeout.
/// </summary>
public sealed class HistoryReaderActor : ReceiveActor
{
    public const string Name = "history-reader";
    private readonly HistoryQuery _query;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public HistoryReaderActor(HistoryQuery query)
    {
        _query = query;
        Receive<HistoryRequest>(r => Answer(SeriesAsync(r), e => new HistoryView(r.SubjectId, null, null, null, null, [], [], e)));
        Receive<EventsRequest>(r => Answer(EventsAsync(r), e => new EventsView([], null, e)));
    }

    public static Props Props(HistoryQuery query) => Akka.Actor.Props.Create(() => new HistoryReaderActor(query));

    private void Answer<T>(Task<T> work, Func<string, object> failed) where T : notnull
    {
        var log = _log;
        work.PipeTo(Sender, failure: ex =>
        {
            log.Warning("History: a query failed: {0}", ex.Message);
            return failed($"the history store could not be read: {ex.Message}");
        });
    }

    private async Task<HistoryView> SeriesAsync(HistoryRequest r)
    {
        // A device first, then a group: ids are unique within each, and a device and a group rarely share one.
        foreach (var kind in new[] { SeriesSubjectKind.Device, SeriesSubjectKind.Group })
        {
            var metrics = await _query.MetricsOfAsync(kind, r.SubjectId);
            if (metrics.Count == 0) continue;
            var names = metrics.Select(m => m.Metric).ToList();
            var metric = r.Metric ?? MainMetric(kind, names);
            if (!names.Contains(metric))
                return new HistoryView(r.SubjectId, HistoryMetrics.KindText(kind), metric, null, null, names, [],
                    $"{HistoryMetrics.KindText(kind)} {r.SubjectId} has no metric \"{metric}\"; it has: {string.Join(", ", names)}");
            var answer = await _query.SeriesAsync(new SeriesRequest(kind, r.SubjectId, metric, r.From, r.To, Math.Max(1, r.MaxPoints)));
            return new HistoryView(r.SubjectId, HistoryMetrics.KindText(kind), metric, answer.Unit, answer.Tier.ToString(), names,
                answer.Points.Select(p => new HistoryPointView(p.Time, p.Min, p.Max, p.Avg, p.Last, p.Count)).ToList(), null);
        }
        return new HistoryView(r.SubjectId, null, r.Metric, null, null, [], [],
            $"no device or group \"{r.SubjectId}\" in the history yet; `supervisor status` lists the ids (a new device appears after its first poll)");
    }

    /// <summary>What a person most likely wants to see: a UPS's charge, a plug's or meter's power, a group's healthy count.</summary>
    public static string MainMetric(SeriesSubjectKind kind, IReadOnlyList<string> metrics)
    {
        string[] preferred = kind == SeriesSubjectKind.Group ? ["healthy"] : ["charge", "power", "input-voltage", "health"];
        return preferred.FirstOrDefault(metrics.Contains) ?? metrics[0];
    }

    private async Task<EventsView> EventsAsync(EventsRequest r)
    {
        var cursor = r.After is { Length: > 0 } after ? EventCursor.Parse(after) : null;
        var page = await _query.EventsAsync(new EventFilter(r.Since, null, r.Device, r.Group, r.Saga, r.Kind), cursor,
            Math.Clamp(r.Limit, 1, HistoryQuery.MaxEventPage));
        return new EventsView(page.Events.Select(e => new EventView(e.Id, e.Time, e.Kind, e.Severity.ToString(), $"{e.SubjectKind} {e.SubjectId}", e.Message)).ToList(),
            page.Next?.ToString(), null);
    }
}
