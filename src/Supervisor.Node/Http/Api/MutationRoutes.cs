using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Supervisor.Actors.Inspection;
using Supervisor.Actors.Notifications;
using Supervisor.Node.Http.Auth;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// The routes that change something, for operator keys and up. Each is written to the node's log with the key's name
/// before it is carried out (<see cref="HttpAudit"/>). So far: a test notification (<c>supervisor notify test</c>).
/// Aborting a saga has no inspection message yet (the CLI cannot do it either), so it has no route.
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
    }

    private static async Task<IResult> NotifyTest(HttpRequest request, InspectorGateway inspector, HttpAudit audit, CancellationToken ct)
    {
        NotifyTestBody body;
        try
        {
            body = await ReadOptionalBody(request, ct);
        }
        catch (JsonException e)
        {
            return Problems.BadParameter("body", $"not JSON of the form {{\"channel\": \"id\"}} ({e.Message.Split(" Path:")[0]}); send no body for every channel");
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel refused the body while it was read (too large, cut off): its status (413, 400), not a 500.
            return Problems.Of(e.StatusCode, "request body refused", $"{e.Message}; a mutation's body is a small JSON object");
        }
        var who = audit.Mutation(request.HttpContext, $"test notification to {(body.Channel is { } c ? $"channel {c}" : "every channel")}");
        return await inspector.Answer<NotifyTestResult>(new NotifyTestRequest(body.Channel, who),
            r => r.Error is { } error ? Problems.Of(409, "no test notification sent", error) : TypedResults.Ok(r), ct,
            InspectorActor.NotifyTestTimeout + TimeSpan.FromSeconds(5));
    }

    /// <summary>No body (or an empty one) means the defaults; anything else must be the JSON object.</summary>
    private static async Task<NotifyTestBody> ReadOptionalBody(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return new NotifyTestBody(null);
        return JsonSerializer.Deserialize<NotifyTestBody>(text, HttpApi.Json) ?? throw new JsonException("null is not an object");
    }
}
