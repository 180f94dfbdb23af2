namespace Supervisor.Domain.Http;

/// <summary>
/// The demo config's API keys. docs/web.md publishes their text so that its curl lines run as written, so they guard
/// nothing: fine on the demo's loopback address, refused on one the network reaches (a copied demo config must not
/// open the API to anyone who has read the docs).
/// </summary>
public static class DemoKeys
{
    /// <summary>The keys as docs/web.md prints them.</summary>
    public static IReadOnlyList<string> Published { get; } = ["demo-viewer-key", "demo-operator-key"];

    private static readonly HashSet<string> Hashes = new(Published.Select(ApiKeyHash.Of), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="hash"/> (as configured, <c>sha256:…</c>) is the hash of a published demo key.</summary>
    public static bool IsPublished(string hash) => Hashes.Contains(hash);
}
