using System.Net;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Supervisor.Node.Http.Api;
using Supervisor.Node.Http.Auth;

namespace Supervisor.Node.Http;

/// <summary>
/// The HTTP surface of a node as one ASP.NET Core app: Kestrel on <c>supervisor.http.listen</c>, API-key auth, the
/// <c>/api/v1</c> routes, <c>/healthz</c>, Prometheus <c>/metrics</c> and the OpenAPI document at <c>/openapi/v1.json</c>. It is its own small
/// container beside the node's generic host (the node without HTTP stays exactly as it was); what it needs from the
/// node (the inspector, the live feed, the log) is handed in. The dashboard's static files are served at <c>/</c> too.
/// </summary>
internal static class HttpApi
{
    public const string Prefix = "/api/v1";
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Mutation bodies are tiny; a larger one is refused (413) before it is read.</summary>
    private const long MaxBodyBytes = 64 * 1024;

    /// <summary>camelCase, as the CLI's <c>--json</c>.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The live stream's frames: as the routes answer (camelCase, enums by name).</summary>
    public static readonly JsonSerializerOptions StreamJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <param name="metrics">The node's Prometheus registry, mapped at <c>/metrics</c>; null: no such route (metrics off).</param>
    public static WebApplication Build(HttpSettings settings, IActorRef inspector, IActorRef liveFeed, HttpAudit audit, ILoggerFactory loggers,
        Metrics.MetricsExporter? metrics = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "supervisor" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Listen(Endpoint(settings), listen =>
            {
                if (settings.Tls is { } tls) listen.UseHttps(X509Certificate2.CreateFromPemFile(tls.Certificate, tls.Key));
            });
        });
        // The node's own logging (console, filters), not a second set of providers.
        builder.Services.AddSingleton(loggers);
        builder.Services.AddRouting();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // Enums by name ("firing", not 2): a client must not depend on the order of our enum members.
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new InspectorGateway(inspector));
        builder.Services.AddSingleton(audit);
        var auth = builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        PasswordLogin.AddServices(builder.Services, auth, settings);
        builder.Services.AddAuthorization(ApiKeyPolicies.Add);
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Supervisor API";
            document.Info.Version = "v1";
            document.Info.Description = "The node's REST API (docs/web.md). Every route but /healthz needs an API key: Authorization: Bearer <key> or X-Api-Key: <key>.";
            // Which host and port served the document is not part of the API (and would differ on every test run).
            document.Servers = [];
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("ok")))
            .AllowAnonymous().WithSummary("The HTTP server answers; no key needed, nothing about the fleet.");
        var api = app.MapGroup(Prefix);
        ReadRoutes.Map(api);
        MutationRoutes.Map(api);
        SteeringRoutes.Map(api);
        SessionRoutes.Map(api);
        PasswordLogin.Map(api);
        StreamRoute.Map(api, liveFeed);
        app.MapOpenApi();
        if (metrics is not null) MapMetrics(app, settings.Metrics, metrics);
        Dashboard.DashboardRoutes.Map(app);
        return app;
    }

    /// <summary>
    /// <c>GET /metrics</c> for Prometheus: anonymous like <c>/healthz</c> unless <c>metrics.require-key</c>, then any key.
    /// OpenMetrics when the scraper's Accept offers it (Prometheus does), else the 0.0.4 text, as prometheus-net's own
    /// middleware negotiates; written by <see cref="Metrics.MetricsExporter"/> (the device families without going through
    /// prometheus-net's gauges, which cost over a second at 10 000 devices). A route handler, so it is in the OpenAPI document.
    /// </summary>
    private static void MapMetrics(WebApplication app, HttpMetricsSettings settings, Metrics.MetricsExporter metrics)
    {
        // A Func, not a RequestDelegate: the Delegate overload makes a route handler, which the OpenAPI document describes.
        Func<HttpContext, Task> handler = async context =>
            {
                var format = Supervisor.Domain.Metrics.PrometheusText.Negotiate(context.Request.Headers.Accept.ToString());
                try
                {
                    context.Response.ContentType = Supervisor.Domain.Metrics.PrometheusText.ContentType(format);
                    await metrics.WriteAsync(context.Response.Body, format, context.RequestAborted);
                }
                catch (AskTimeoutException)
                {
                    // The metrics actor did not answer (the node is stopping, or overloaded): say so, and the next scrape asks again.
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync("metrics: the node's metrics consumer did not answer in time; scrape again\n", context.RequestAborted);
                }
            };
        var route = app.MapGet(MetricsPath, handler)
            .WithSummary("Prometheus metrics of this node (docs/integrations/prometheus.md); no key needed unless supervisor.http.metrics.require-key = on.")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain");
        if (settings.RequireKey) route.RequireAuthorization(ApiKeyPolicies.Viewer);
        else route.AllowAnonymous();
    }

    public const string MetricsPath = "/metrics";

    private static IPEndPoint Endpoint(HttpSettings settings)
    {
        if (IPAddress.TryParse(settings.Host, out var ip)) return new IPEndPoint(ip, settings.Port);
        // A name: localhost is loopback, any other is resolved once here (Kestrel binds addresses, not names).
        if (settings.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return new IPEndPoint(IPAddress.Loopback, settings.Port);
        var address = Dns.GetHostAddresses(settings.Host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                      ?? Dns.GetHostAddresses(settings.Host).First();
        return new IPEndPoint(address, settings.Port);
    }
}
