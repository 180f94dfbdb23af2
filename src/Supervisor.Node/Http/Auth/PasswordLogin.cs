using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Http;
using Supervisor.Node.Http.Api;

namespace Supervisor.Node.Http.Auth;

/// <summary>
/// Browser login for <c>supervisor.http.users</c>: <c>POST /api/v1/login</c> (form or JSON) checks the password against
/// its bcrypt hash and sets an HttpOnly, SameSite=Strict session cookie (Secure over TLS) that authenticates like an API
/// key of the user's role; <c>POST /api/v1/logout</c> clears it. Logins are rate limited per client address, and a failed
/// one is logged with the user name and the address, never the password.
/// </summary>
internal static class PasswordLogin
{
    public const string CookieScheme = "Password";
    public const string CookieName = "supervisor-session";
    private const string RateLimitPolicy = "login";

    /// <summary>Login attempts allowed per client address and minute; the next is 429 with Retry-After.</summary>
    public const int AttemptsPerMinute = 5;

    /// <summary>Verified against for an unknown user, so the answer takes as long as for a known one (no probing of names).</summary>
    private static readonly string DummyHash = BCrypt.Net.BCrypt.HashPassword("no such user", Cli.HashPasswordCommand.WorkFactor);

    public static void AddServices(IServiceCollection services, AuthenticationBuilder auth, HttpSettings settings)
    {
        // Without a session secret, sessions are signed with keys held in memory: a node restart (or a fail-over to another
        // node) logs everyone out, and nothing is written to disk. With one, every node derives the same cookie keys from it.
        Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.UseEphemeralDataProtectionProvider(
            Microsoft.Extensions.DependencyInjection.DataProtectionServiceCollectionExtensions.AddDataProtection(services));
        auth.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = CookieName;
            if (settings.SessionSecret is { } secret) o.DataProtectionProvider = new SessionSecretProtectionProvider(secret);
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = settings.Tls is null ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // No redirects to a login page: the API key handler answers 401/403 with a problem body for both schemes.
            o.Events.OnRedirectToLogin = _ => Task.CompletedTask;
            o.Events.OnRedirectToAccessDenied = _ => Task.CompletedTask;
        });
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ValueTask(Problems.Write(rejected.HttpContext, 429, "too many logins",
                    $"more than {AttemptsPerMinute} login attempts from this address within a minute; try again in {wait} s"));
            };
        });
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimitPolicy)
            .WithSummary($"Log in with a user's password (supervisor.http.users): form or JSON {{\"user\": \"…\", \"password\": \"…\"}}; sets the session cookie {CookieName}. At most {AttemptsPerMinute} attempts a minute per address (then 429).")
            .Accepts<LoginBody>("application/json", "application/x-www-form-urlencoded")
            .Produces<WhoAmI>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(429);
        api.MapPost("/logout", async (HttpContext http) =>
            {
                await http.SignOutAsync(CookieScheme);
                return TypedResults.NoContent();
            }).AllowAnonymous()
            .WithSummary("End the browser session: clears the session cookie.").Produces(204);
    }

    private static async Task<IResult> Login(HttpRequest request, HttpSettings settings, HttpAudit audit, CancellationToken ct)
    {
        var (body, bad) = request.HasFormContentType
            ? (await FormAsync(request, ct), null)
            : await ApiBody.ReadAsync<LoginBody>(request, LoginBody.Shape, null, ct);
        if (bad is not null) return bad;
        if (string.IsNullOrEmpty(body!.User) || string.IsNullOrEmpty(body.Password))
            return Problems.BadParameter(string.IsNullOrEmpty(body.User) ? "user" : "password", $"missing; send {LoginBody.Shape}");
        var user = settings.Users.FirstOrDefault(u => string.Equals(u.Name, body.User, StringComparison.Ordinal));
        if (!Verify(body.Password, user?.PasswordHash ?? DummyHash) || user is null)
        {
            audit.FailedLogin(request.HttpContext, body.User);
            return Problems.Of(401, "login failed", "unknown user or wrong password (supervisor.http.users; make a hash with `supervisor hash-password`)");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ApiKeyAuthentication.RoleClaim, ApiRoles.Name(user.Role))], CookieScheme);
        await request.HttpContext.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(new WhoAmI(user.Name, ApiRoles.Name(user.Role), "user"));
    }

    private static bool Verify(string password, string hash)
    {
        try { return BCrypt.Net.BCrypt.Verify(password, hash); }
        catch (BCrypt.Net.SaltParseException) { return false; } // validate refuses such a hash; never a 500 all the same
    }

    private static async Task<LoginBody> FormAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        return new LoginBody(form["user"].ToString(), form["password"].ToString());
    }
}

/// <summary>The body of <c>POST /api/v1/login</c>.</summary>
public sealed record LoginBody(string? User, string? Password)
{
    public const string Shape = "{\"user\": \"alice\", \"password\": \"…\"}";
}
