using Supervisor.Actors.Notifications;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// The read routes under <c>/api/v1</c>, one per CLI verb and answered by the same inspection message: <c>status</c>,
/// <c>devices</c> and <c>groups</c> (parts of <c>status</c>), <c>sagas list|show</c>, <c>cluster show</c>,
/// <c>history</c>, <c>events</c>, <c>notify status</c>. Any key (viewer and up) may read them.
/// </summary>
internal static class ReadRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/status", (InspectorGateway i, CancellationToken ct) => i.Answer<StatusView>(StatusRequest.Instance, TypedResults.Ok, ct))
            .Read<StatusView>("Devices, groups, sagas and journals, as `supervisor status --json`.");
        api.MapGet("/devices", (InspectorGateway i, CancellationToken ct) => i.Answer<StatusView>(StatusRequest.Instance, s => TypedResults.Ok(s.Devices), ct))
            .Read<IReadOnlyList<DeviceView>>("Every device with its health and last reading.");
        api.MapGet("/devices/{id}", (string id, InspectorGateway i, CancellationToken ct) => i.Answer<StatusView>(StatusRequest.Instance,
                s => s.Devices.FirstOrDefault(d => d.Id == id) is { } d ? TypedResults.Ok(d) : NotFound("device", id, s.Devices.Select(x => x.Id)), ct))
            .Read<DeviceView>("One device.", notFound: true);
        api.MapGet("/groups", (InspectorGateway i, CancellationToken ct) => i.Answer<StatusView>(StatusRequest.Instance,
                s => TypedResults.Ok(s.Groups.Select(GroupResponse.From).ToList()), ct))
            .Read<IReadOnlyList<GroupResponse>>("Every group with its state and quorum (\"2 of 3 healthy, need 2\").");
        api.MapGet("/groups/{id}", (string id, InspectorGateway i, CancellationToken ct) => i.Answer<StatusView>(StatusRequest.Instance,
                s => s.Groups.FirstOrDefault(g => g.Id == id) is { } g ? TypedResults.Ok(GroupResponse.From(g)) : NotFound("group", id, s.Groups.Select(x => x.Id)), ct))
            .Read<GroupResponse>("One group.", notFound: true);
        api.MapGet("/sagas", (InspectorGateway i, CancellationToken ct) => i.Answer<SagaListView>(SagaListRequest.Instance, v => TypedResults.Ok(v.Sagas), ct))
            .Read<IReadOnlyList<SagaView>>("Every shutdown saga in the journal, oldest first, as `supervisor sagas list --json`.");
        api.MapGet("/sagas/{id}", (string id, InspectorGateway i, CancellationToken ct) => i.Answer<SagaDetailView>(new SagaDetailRequest(id),
                v => v.Saga is null ? Problems.Of(404, "no such saga", $"no saga \"{id}\" in the journal; GET /api/v1/sagas lists the ids") : TypedResults.Ok(v), ct))
            .Read<SagaDetailView>("One saga with every step, as `supervisor sagas show ID --json`.", notFound: true);
        api.MapGet("/cluster", (InspectorGateway i, CancellationToken ct) => i.Answer<ClusterView>(ClusterRequest.Instance, TypedResults.Ok, ct))
            .Read<ClusterView>("Members, leader and where the supervisor runs, as `supervisor cluster show --json`.");
        api.MapGet("/history/{subject}", History)
            .Read<HistoryView>("One metric of a device or group over a window, as `supervisor history SUBJECT --json`.", notFound: true, badRequest: true);
        api.MapGet("/events", Events)
            .Read<EventsView>("Stored events, oldest first; pass `next` back as `after` for the following page, as `supervisor events --json`.", badRequest: true);
        api.MapGet("/notifications/outbox", (InspectorGateway i, CancellationToken ct) => i.Answer<OutboxStatus>(GetOutboxStatus.Instance, TypedResults.Ok, ct))
            .Read<OutboxStatus>("Notifications waiting per channel, as `supervisor notify status --json`.");
    }

    /// <param name="since">A span back from now (90s, 30m, 6h, 2d, 1w) or a time; default 6h.</param>
    /// <param name="from">Window start (a time or a span back); overrides since.</param>
    /// <param name="to">Window end; default now.</param>
    /// <param name="points">At most this many points, 1 to 10000; default 500.</param>
    private static Task<IResult> History(string subject, string? metric, string? since, string? from, string? to, string? points, InspectorGateway i, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var start = from is not null ? ApiQuery.Time("from", from, now, out var bad) : ApiQuery.Time("since", since ?? HistoryQueryDefaults.HistorySince, now, out bad);
        if (bad is not null) return Task.FromResult(bad);
        var end = ApiQuery.Time("to", to, now, out bad) ?? now;
        if (bad is not null) return Task.FromResult(bad);
        if (start >= end) return Task.FromResult(Problems.BadParameter(from is null ? "since" : "from", "the window is empty: its start must be before `to`"));
        var max = ApiQuery.Count("points", points, HistoryQueryDefaults.MachinePoints, 10_000, out bad);
        if (bad is not null) return Task.FromResult(bad);
        return i.Answer<HistoryView>(new HistoryRequest(subject, metric, start!.Value, end, max),
            v => v.Error is { } error ? Problems.Of(404, "no history", error) : TypedResults.Ok(v), ct);
    }

    /// <param name="since">From how far back (a span or a time); default 24h.</param>
    /// <param name="after">The cursor: the <c>next</c> of the previous page.</param>
    /// <param name="limit">At most this many events, 1 to 10000; default 200.</param>
    private static Task<IResult> Events(string? since, string? device, string? group, string? saga, string? kind, string? after, string? limit,
        InspectorGateway i, CancellationToken ct)
    {
        var start = ApiQuery.Time("since", since ?? HistoryQueryDefaults.EventsSince, DateTimeOffset.UtcNow, out var bad);
        if (bad is not null) return Task.FromResult(bad);
        var max = ApiQuery.Count("limit", limit, HistoryQueryDefaults.EventsLimit, 10_000, out bad);
        if (bad is not null) return Task.FromResult(bad);
        return i.Answer<EventsView>(new EventsRequest(start, device, group, saga, kind, after, max),
            v => v.Error is { } error ? Problems.Of(503, "events unavailable", error) : TypedResults.Ok(v), ct);
    }

    private static IResult NotFound(string what, string id, IEnumerable<string> known) =>
        Problems.Of(404, $"no such {what}", $"no {what} \"{id}\"; known: {string.Join(", ", known)}");

    /// <summary>The OpenAPI description every read route shares: its answer type, and the problems it may answer.</summary>
    internal static RouteHandlerBuilder Read<T>(this RouteHandlerBuilder route, string summary, bool notFound = false, bool badRequest = false)
    {
        route.WithSummary(summary).Produces<T>().ProducesProblem(401).ProducesProblem(503).ProducesProblem(504);
        if (notFound) route.ProducesProblem(404);
        if (badRequest) route.ProducesValidationProblem();
        return route;
    }
}
