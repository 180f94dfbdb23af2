using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Supervisor.Domain.Http;

namespace Supervisor.Node.Http.Auth;

/// <summary>
/// Who is calling: the API key in <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>, matched against
/// the configured hashes in constant time (<see cref="ApiKeyHash.Match{T}"/>). The principal's name is the key's name (the
/// "who" of the audit log) and its role claim the key's role. A missing or unknown key is 401, a too-small role 403,
/// both with a problem body that says what to send.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, HttpSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string RoleClaim = "supervisor-role";

    /// <summary>How the caller proved who it is, for the audit: "API key" (this handler) or "user" (a browser login's cookie).</summary>
    public static string KindOf(ClaimsPrincipal user) => user.Identity?.AuthenticationType == SchemeName ? "API key" : "user";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request.Headers) is not { } key) return Task.FromResult(AuthenticateResult.NoResult());
        if (ApiKeyHash.Match(key, settings.ApiKeys, k => k.Hash) is not { } match)
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, match.Name), new Claim(RoleClaim, ApiRoles.Name(match.Role))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>The key from either header; a Bearer token wins when both are sent.</summary>
    private static string? Presented(Microsoft.AspNetCore.Http.IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } bearer) return bearer;
        return headers[HeaderName].ToString().Trim() is { Length: > 0 } apiKey ? apiKey : null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Write(Context, 401, "API key required",
            "send an API key as `Authorization: Bearer <key>` or `X-Api-Key: <key>`; make one with `supervisor http new-key --name NAME --role viewer` (docs/web.md)");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirst(RoleClaim)?.Value ?? "none";
        await Problems.Write(Context, 403, "role too small",
            $"{(KindOf(Context.User) == "user" ? "user" : "key")} \"{Context.User.Identity?.Name}\" has role {role}; this needs operator or above " +
            $"(set role = operator under supervisor.http.{(KindOf(Context.User) == "user" ? "users" : "api-keys")}.<name>)");
    }
}
