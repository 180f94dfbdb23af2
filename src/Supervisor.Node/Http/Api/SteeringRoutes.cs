using Supervisor.Actors.Alerts;
using Supervisor.Actors.Groups;
using Supervisor.Domain.Events;
using Supervisor.Node.Http.Auth;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// Maintenance mode and alerts, one to one with <c>supervisor maintenance …</c> and <c>supervisor alerts …</c> and
/// answered by the same inspection messages: any key reads, operator keys and up change (each change logged with the
/// key's name by <see cref="HttpAudit"/>, who is also what the journal records as <c>by</c>). A refusal (quorum would be
/// impossible, nothing is firing, …) is a 409 with the reason the CLI prints.
/// </summary>
internal static class SteeringRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/maintenance", (InspectorGateway i, CancellationToken ct) => i.Answer<MaintenanceListView>(MaintenanceList.Instance, TypedResults.Ok, ct))
            .Read<MaintenanceListView>("Devices in maintenance (groups, until, reason, by), as `supervisor maintenance list --json`; `unanswered` names groups whose devices may be missing.");
        api.MapPost("/maintenance/{device}", StartMaintenance).Mutation<MaintenanceResult>(
            "Take a device out of its groups' quorum for a while, as `supervisor maintenance start DEVICE --for 2h --reason …`; body {\"for\": \"2h\", \"reason\": \"battery swap\"}.",
            withBody: true);
        api.MapDelete("/maintenance/{device}", EndMaintenance).Mutation<MaintenanceResult>(
            "End a device's maintenance now, as `supervisor maintenance end DEVICE`.", withBody: false);

        api.MapGet("/alerts", (InspectorGateway i, CancellationToken ct) => i.Answer<AlertsListView>(AlertsListRequest.Instance, TypedResults.Ok, ct))
            .Read<AlertsListView>("Every (rule, subject) with its status, and the silences that run, as `supervisor alerts list --json`.");
        api.MapPost("/alerts/{rule}/{subject}/ack", (string rule, string subject, HttpContext http, InspectorGateway i, HttpAudit audit, CancellationToken ct) =>
                Command(i, new AlertAckRequest($"{rule}/{subject}", audit.Mutation(http, "alert-ack", $"ack of alert {rule}/{subject}", audit.Here)), ct))
            .Mutation<CommandResult>("Acknowledge a firing alert (no reminders until it resolves), as `supervisor alerts ack RULE/SUBJECT`.", withBody: false);
        api.MapPost("/alerts/silences", Silence).Mutation<CommandResult>(
            "Tell no one about a rule's or a subject's alerts for a while, as `supervisor alerts silence TARGET --for 2h`; body {\"target\": \"ups-*\", \"for\": \"2h\"}.",
            withBody: true);
        api.MapDelete("/alerts/silences/{target}", (string target, HttpContext http, InspectorGateway i, HttpAudit audit, CancellationToken ct) =>
                Command(i, new AlertUnsilenceRequest(target, audit.Mutation(http, "alert-unsilence", $"end of the silence of {target}", audit.Here)), ct))
            .Mutation<CommandResult>("End a silence before its time, as `supervisor alerts unsilence TARGET`.", withBody: false);
    }

    private static async Task<IResult> StartMaintenance(string device, HttpRequest request, InspectorGateway i, HttpAudit audit, CancellationToken ct)
    {
        var (body, bad) = await ApiBody.ReadAsync<MaintenanceBody>(request, MaintenanceBody.Shape, null, ct);
        if (bad is not null) return bad;
        if (Span("for", body!.For, out var span) is { } badSpan) return badSpan;
        if (string.IsNullOrWhiteSpace(body.Reason)) return Problems.BadParameter("reason", $"missing; say why, e.g. {MaintenanceBody.Shape}");
        var who = audit.Mutation(request.HttpContext, "maintenance-start", $"maintenance of {device} for {body.For} ({body.Reason})", Device(device));
        return await i.Answer<MaintenanceResult>(new MaintenanceStart(device, span, body.Reason, who), Outcome, ct);
    }

    private static Task<IResult> EndMaintenance(string device, HttpContext http, InspectorGateway i, HttpAudit audit, CancellationToken ct) =>
        i.Answer<MaintenanceResult>(new MaintenanceEnd(device, audit.Mutation(http, "maintenance-end", $"end of the maintenance of {device}", Device(device))), Outcome, ct);

    private static async Task<IResult> Silence(HttpRequest request, InspectorGateway i, HttpAudit audit, CancellationToken ct)
    {
        var (body, bad) = await ApiBody.ReadAsync<SilenceBody>(request, SilenceBody.Shape, null, ct);
        if (bad is not null) return bad;
        if (string.IsNullOrWhiteSpace(body!.Target)) return Problems.BadParameter("target", $"missing; a rule id or a subject (glob), e.g. {SilenceBody.Shape}");
        if (Span("for", body.For, out var span) is { } badSpan) return badSpan;
        return await Command(i, new AlertSilenceRequest(body.Target, span, audit.Mutation(request.HttpContext, "alert-silence", $"silence of {body.Target} for {body.For}", audit.Here)), ct);
    }

    private static EventSubject Device(string id) => new(SubjectKind.Device, id);


    private static Task<IResult> Command(InspectorGateway i, object request, CancellationToken ct) =>
        i.Answer<CommandResult>(request, r => r.Ok ? TypedResults.Ok(r) : Problems.Of(409, "refused", r.Message), ct);

    private static IResult Outcome(MaintenanceResult r) => r.Ok ? TypedResults.Ok(r) : Problems.Of(409, "refused", r.Message);

    /// <summary>A positive span as the CLI's --for takes it (90s, 30m, 2h, 1d, 1w); a problem naming the field otherwise.</summary>
    private static IResult? Span(string field, string? text, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        if (text is not null && CliTime.TryParseSpan(text, out span) && span > TimeSpan.Zero) return null;
        return Problems.BadParameter(field, $"{(text is null ? "missing" : $"\"{text}\" is not a positive duration")}; write e.g. \"2h\" (s, m, h, d or w)");
    }

    /// <summary>The OpenAPI description every steering mutation shares: operator and up, its answer, its problems.</summary>
    private static RouteHandlerBuilder Mutation<T>(this RouteHandlerBuilder route, string summary, bool withBody)
    {
        route.RequireAuthorization(ApiKeyPolicies.Operator).WithSummary(summary).Produces<T>()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(503).ProducesProblem(504);
        if (withBody) route.ProducesValidationProblem();
        return route;
    }
}

/// <summary>The body of <c>POST /api/v1/maintenance/{device}</c>.</summary>
/// <param name="For">How long: 90s, 30m, 2h, 1d, 1w.</param>
/// <param name="Reason">Why (journaled, logged and in the event).</param>
public sealed record MaintenanceBody(string? For, string? Reason)
{
    public const string Shape = "{\"for\": \"2h\", \"reason\": \"battery swap\"}";
}

/// <summary>The body of <c>POST /api/v1/alerts/silences</c>.</summary>
/// <param name="Target">A rule id or a subject (device or group id, or glob).</param>
/// <param name="For">How long: 30m, 2h, 1d.</param>
public sealed record SilenceBody(string? Target, string? For)
{
    public const string Shape = "{\"target\": \"ups-*\", \"for\": \"2h\"}";
}
