using Supervisor.Node.Http.Auth;

namespace Supervisor.Node.Http.Api;

/// <summary>Who the caller is: the dashboard shows steering buttons only to a role that may use them (the node checks again on every call).</summary>
internal static class SessionRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/whoami", (HttpContext http) => TypedResults.Ok(new WhoAmI(http.User.Identity?.Name ?? "", http.User.FindFirst(ApiKeyAuthentication.RoleClaim)?.Value ?? "",
                ApiKeyAuthentication.KindOf(http.User))))
            .WithSummary("The caller's name, role (viewer, operator, admin) and how it authenticated (\"API key\" or \"user\").")
            .Produces<WhoAmI>().ProducesProblem(401);
    }
}

/// <summary>The answer of <c>GET /api/v1/whoami</c>.</summary>
/// <param name="Via">"API key", or "user" for a browser login.</param>
public sealed record WhoAmI(string Name, string Role, string Via);
