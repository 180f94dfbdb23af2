using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// The OpenAPI document the node serves names every route it maps, and the checked-in docs/openapi.json is exactly what
/// the code generates (so a route change without the document fails here, with the command that regenerates it).
/// </summary>
[Collection(nameof(HttpApiCollection))]
public sealed class OpenApiDocumentTests(HttpApiNode api)
{
    private const string Regenerate = "UPDATE_OPENAPI=1 nice -n 19 dotnet test tests/Supervisor.IntegrationTests --filter FullyQualifiedName~OpenApiDocumentTests";
    private static string CheckedIn => Path.Combine(RepoPaths.Root, "docs", "openapi.json");

    [Fact]
    public async Task OpenApi_document_should_name_every_mapped_route_with_its_method()
    {
        var document = await HttpApiRouteTests.Json(api.Client(api.ViewerKey), "/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var endpoints = api.Http.App!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("/openapi", StringComparison.Ordinal)).ToList();
        Assert.True(endpoints.Count >= 13, $"only {endpoints.Count} endpoints mapped");
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            Assert.True(paths.TryGetProperty(route, out var operations), $"{route} is mapped but not in /openapi/v1.json");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
                Assert.True(operations.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {route} is mapped but not in /openapi/v1.json");
        }
    }

    [Fact]
    public async Task Checked_in_openapi_json_should_match_what_the_code_generates()
    {
        using var response = await api.Client(api.ViewerKey).GetAsync("/openapi/v1.json");
        var generated = Normalize(await response.Content.ReadAsStringAsync());
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1") File.WriteAllText(CheckedIn, generated);
        var current = File.Exists(CheckedIn) ? Normalize(File.ReadAllText(CheckedIn)) : "(missing)";
        Assert.True(current == generated, $"docs/openapi.json differs from what the code generates; regenerate it with:\n  {Regenerate}\nand commit it.");
    }

    /// <summary>Indented, with a final newline: a stable text to diff and to commit.</summary>
    private static string Normalize(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}
