using Microsoft.AspNetCore.Authorization;
using Supervisor.Domain.Http;

namespace Supervisor.Node.Http.Auth;

/// <summary>One authorization policy per role, met by an API key or a browser login's cookie alike; a role passes every policy of the roles below it (<see cref="ApiRoles.Allows"/>).</summary>
internal static class ApiKeyPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (name, role) in ApiRoles.ByName) options.AddPolicy(name, Policy(role));
        // Every endpoint without its own policy (and a route that does not exist) needs at least a viewer key, so an
        // endpoint added later is closed unless it says otherwise; /healthz opts out with AllowAnonymous.
        options.FallbackPolicy = Policy(ApiRole.Viewer);
        options.DefaultPolicy = Policy(ApiRole.Viewer);
    }

    private static AuthorizationPolicy Policy(ApiRole needed) => new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName, PasswordLogin.CookieScheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => c.User.FindFirst(ApiKeyAuthentication.RoleClaim)?.Value is { } held
                               && ApiRoles.ByName.TryGetValue(held, out var role) && role.Allows(needed))
        .Build();
}
