using Supervisor.Actors.Notifications;
using Supervisor.Actors.Sagas;
using Supervisor.Domain.Events;
using Supervisor.Node.Http.Auth;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// The routes that change something, for operator keys and up. Each is written to the node's log with the key's name
/// before it is carried out (<see cref="HttpAudit"/>): a test notification (<c>supervisor notify test</c>) here;
/// maintenance and alerts in <see cref="SteeringRoutes"/>.
/// Aborting a running saga (<c>supervisor sagas abort</c>) is here too.
/// </summary>
internal static class MutationRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/notifications/test", NotifyTest)
            .RequireAuthorization(ApiKeyPolicies.Operator)
            .WithSummary("Send a test notification through the real path (journal, outbox, channel), as `supervisor notify test --json`; body {\"channel\": \"id\"} or none for every channel.")
            .Accepts<NotifyTestBody>("application/json")
            .Produces<NotifyTestResult>()
            .ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(503).ProducesProblem(504);
        MapAbort(api);
    }

    private static void MapAbort(RouteGroupBuilder api) =>
        api.MapPost("/sagas/{id}/abort", Abort)
            .RequireAuthorization(ApiKeyPolicies.Operator)
            .WithSummary("Abort a running saga: no further step is sent (one already sent may still run), as `supervisor sagas abort ID`. 404 when there is no such saga, 409 naming its state when it already ended.")
            .Produces<SagaAbortResult>()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503).ProducesProblem(504);

    private static Task<IResult> Abort(string id, HttpContext http, InspectorGateway inspector, HttpAudit audit, CancellationToken ct)
    {
        var who = audit.Mutation(http, "saga-abort", $"abort of saga {id}", new EventSubject(SubjectKind.Saga, id));
        return inspector.Answer<SagaAbortResult>(new SagaAbortRequest(id, who), r => r.Outcome switch
        {
            SagaAbortOutcome.Aborted => TypedResults.Ok(r),
            SagaAbortOutcome.NotFound => Problems.Of(404, "no such saga", r.Message),
            _ => Problems.Of(409, $"saga already {r.State}", r.Message),
        }, ct);
    }

    private static async Task<IResult> NotifyTest(HttpRequest request, InspectorGateway inspector, HttpAudit audit, CancellationToken ct)
    {
        // No body means every channel.
        var (body, bad) = await ApiBody.ReadAsync(request, "{\"channel\": \"id\"}", new NotifyTestBody(null), ct);
        if (bad is not null) return bad;
        var who = audit.Mutation(request.HttpContext, "notify-test", $"test notification to {(body!.Channel is { } c ? $"channel {c}" : "every channel")}",
            audit.Here);
        return await inspector.Answer<NotifyTestResult>(new NotifyTestRequest(body.Channel, who),
            r => r.Error is { } error ? Problems.Of(409, "no test notification sent", error) : TypedResults.Ok(r), ct,
            InspectorActor.NotifyTestTimeout + TimeSpan.FromSeconds(5));
    }
}
