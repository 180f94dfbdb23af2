
namespace Supervisor.Node.Http.Api;

/// <summary>A group as <c>GET /api/v1/groups</c> shows it: the inspector's view plus its quorum in words.</summary>
/// <param name="Quorum">"2 of 3 healthy, need 2"; "starting, need 2" before the first member reports; members in maintenance
/// are counted apart: "1 of 1 healthy, need 1 (1 in maintenance)".</param>
public sealed record GroupResponse(string Id, string State, int Episode, string? ActiveSagaId, int? Healthy, int MinHealthy, int Members, double? RuntimeSeconds, string Quorum)
{
    public static GroupResponse From(GroupView g) => new(g.Id, g.State, g.Episode, g.ActiveSagaId, g.Healthy, g.MinHealthy, g.Members, g.RuntimeSeconds,
        (g.Healthy is { } healthy ? $"{healthy} of {g.Members - g.InMaintenance.Count} healthy, need {g.MinHealthy}" : $"starting, need {g.MinHealthy}") +
        (g.InMaintenance.Count > 0 ? $" ({g.InMaintenance.Count} in maintenance)" : ""));
}

/// <summary><c>GET /healthz</c>: the HTTP server answers (no key needed, nothing about the fleet).</summary>
public sealed record HealthResponse(string Status);

/// <summary>The optional body of <c>POST /api/v1/notifications/test</c>.</summary>
/// <param name="Channel">One channel id; absent or null: every channel.</param>
public sealed record NotifyTestBody(string? Channel);
