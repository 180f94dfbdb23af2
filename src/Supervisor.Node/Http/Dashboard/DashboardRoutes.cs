using System.Reflection;

namespace Supervisor.Node.Http.Dashboard;

/// <summary>
/// The web dashboard: <c>/</c> is its page, <c>/dashboard/{file}</c> its script and style, all embedded in the node's
/// assembly (a single-file install has nothing beside it; no CDN). The files carry no fleet data, so they are served
/// without a key; the page asks for one and sends it with every API call and the live stream (docs/web.md, "Dashboard").
/// </summary>
internal static class DashboardRoutes
{
    public const string Page = "/";
    public const string AssetPrefix = "/dashboard";
    private const string ResourcePrefix = "Supervisor.dashboard.";

    private static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var assets = Load();
        // In the OpenAPI document too (every mapped route is, and a test holds it so), though they are no JSON API.
        app.MapGet(Page, () => Serve(assets, "index.html")).AllowAnonymous()
            .WithSummary("The web dashboard's page (docs/web.md, \"Dashboard\"); no key needed, it holds no data.").Produces(200, contentType: "text/html");
        app.MapGet(AssetPrefix + "/{file}", (string file) => Serve(assets, file)).AllowAnonymous()
            .WithSummary("The dashboard's script and style files; no key needed.").Produces(200, contentType: "text/javascript").ProducesProblem(404);
    }

    private static IResult Serve(IReadOnlyDictionary<string, byte[]> assets, string file) =>
        assets.TryGetValue(file, out var bytes)
            // no-cache: a browser asks again after an upgrade of the node instead of running an old script against a new API.
            ? new NoCache(Results.Bytes(bytes, ContentTypes[Path.GetExtension(file)]))
            : Problems.Of(404, "no such dashboard file", $"no \"{file}\" in the dashboard; the page is at {Page}");

    /// <summary>Every embedded dashboard file by name, read once at start (they are a few KB).</summary>
    private static IReadOnlyDictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..]] = copy.ToArray();
        }
        if (!files.ContainsKey("index.html"))
            throw new InvalidOperationException("the dashboard's index.html is not embedded in the node (Supervisor.Node.csproj, EmbeddedResource Http/Dashboard/assets)");
        return files;
    }

    /// <summary>Wraps a result with <c>Cache-Control: no-cache</c>.</summary>
    private sealed class NoCache(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.CacheControl = "no-cache";
            return inner.ExecuteAsync(http);
        }
    }
}
