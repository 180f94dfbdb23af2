using Supervisor.Domain.Http;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// The <c>supervisor.http</c> section: the node's REST API (and later its dashboard). Off by default; a node that binds
/// anything but loopback must have at least one API key, because every route but <c>/healthz</c> needs one.
/// </summary>
/// <param name="Enabled">Off: no HTTP listener starts.</param>
/// <param name="Host">The address to bind (from <c>listen = "host:port"</c>).</param>
/// <param name="Port">The TCP port to bind; 0 lets the OS pick (tests).</param>
/// <param name="Tls">HTTPS with this PEM certificate and key; null = plain HTTP.</param>
/// <param name="ApiKeys">Who may call the API, by key name, each with the SHA-256 of its key and a role.</param>
public sealed record HttpSettings(bool Enabled, string Host, int Port, HttpTlsSettings? Tls, IReadOnlyList<ApiKeySettings> ApiKeys)
{
    public const string Path = ConfigPath.Root + ".http";

    public static HttpSettings Off { get; } = new(false, "127.0.0.1", 8080, null, []);

    /// <summary><c>supervisor.http.metrics</c>: the Prometheus endpoint; an init property so every existing constructor call stays valid.</summary>
    public HttpMetricsSettings Metrics { get; init; } = HttpMetricsSettings.Default;

    /// <summary><c>supervisor.http.users</c>: who may log in to the dashboard with a password (bcrypt), each with a role.</summary>
    public IReadOnlyList<HttpUserSettings> Users { get; init; } = [];

    /// <summary>
    /// <c>supervisor.http.session-secret</c>: the key every node of the cluster derives its login-cookie keys from, so a
    /// cookie made by one node is accepted by all (fail-over behind a proxy keeps people logged in); null = keys of this
    /// process only, as before (a restart or a fail-over asks for a new login).
    /// </summary>
    public Secret? SessionSecret { get; init; }

    /// <summary>The shortest session secret accepted: 32 characters (what <c>openssl rand -base64 32</c> prints is 44).</summary>
    public const int SessionSecretMinLength = 32;

    /// <summary>The URL people and curl use: loopback for a wildcard bind (0.0.0.0 / ::), the host otherwise.</summary>
    public string Url
    {
        get
        {
            var host = Host is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : Host.Contains(':') && !Host.StartsWith('[') ? $"[{Host}]" : Host;
            return $"{(Tls is null ? "http" : "https")}://{host}:{Port}";
        }
    }

    /// <summary>Every rule, each with its HOCON path and the fix. Checked even when disabled, so a typo shows before it is switched on.</summary>
    public IReadOnlyList<ConfigError> Validate()
    {
        var errors = new List<ConfigError>();
        foreach (var key in ApiKeys)
        {
            if (!ApiKeyHash.IsWellFormed(key.Hash))
                errors.Add(new($"{Path}.api-keys.{ConfigPath.Key(key.Name)}.hash",
                    $"must be \"sha256:\" and 64 hex digits (the SHA-256 of the key, never the key itself); make a key and its line with: supervisor http new-key --name {key.Name} --role {ApiRoles.Name(key.Role)}"));
        }
        foreach (var user in Users.Where(u => !PasswordHash.IsBcrypt(u.PasswordHash)))
            errors.Add(new($"{Path}.users.{ConfigPath.Key(user.Name)}.password-hash",
                "is not a bcrypt hash (\"$2a$…\" or \"$2b$…\", 60 characters; never the password itself); make one with " +
                $"`supervisor hash-password` (it reads the password from stdin) and write password-hash = \"<what it prints>\""));
        foreach (var same in ApiKeys.GroupBy(k => k.Hash.ToLowerInvariant()).Where(g => g.Count() > 1 && ApiKeyHash.IsWellFormed(g.Key)))
            errors.Add(new($"{Path}.api-keys", $"keys {string.Join(", ", same.Select(k => k.Name))} have the same hash, so one key would hold two names; give each its own key (supervisor http new-key)"));
        if (Enabled && !LoopbackHost.Is(Host))
            foreach (var key in ApiKeys.Where(k => DemoKeys.IsPublished(k.Hash)))
                errors.Add(new($"{Path}.api-keys.{ConfigPath.Key(key.Name)}.hash",
                    $"is the hash of a demo key whose text docs/web.md publishes, and \"{Host}:{Port}\" is reachable from the network: anyone who read " +
                    $"the docs could use it; make a key of your own with `supervisor http new-key --name {key.Name} --role {ApiRoles.Name(key.Role)}` " +
                    "and put the line it prints here, or listen on 127.0.0.1"));
        if (Enabled && !LoopbackHost.Is(Host) && ApiKeys.Count == 0 && Users.Count == 0)
            errors.Add(new($"{Path}.listen", $"\"{Host}:{Port}\" is reachable from the network, but no API key is configured, so nobody could use the API and nothing " +
                                               "would guard it: make a key with `supervisor http new-key --name admin --role admin` and add the line it prints under " +
                                               $"{Path}.api-keys, or listen on 127.0.0.1"));
        if (Enabled && Metrics is { Enabled: true, RequireKey: true } && ApiKeys.Count == 0)
            errors.Add(new($"{Path}.metrics.require-key", "is on, but no API key is configured, so no scrape could pass; make a key with " +
                                                        $"`supervisor http new-key --name prometheus --role viewer` and add its line under {Path}.api-keys, or set require-key = off"));
        if (SessionSecret is { Length: < SessionSecretMinLength } secret)
            errors.Add(new($"{Path}.session-secret", $"is {secret.Length} characters; a session secret signs every login cookie, so it must be at least " +
                                                     $"{SessionSecretMinLength} random characters: make one with `openssl rand -base64 32`, keep it in a file " +
                                                     "readable only by the service and write session-secret = \"file:/etc/supervisor/http/session-secret\" on every node"));
        if (Metrics.OutboxTimeout <= TimeSpan.Zero)
            errors.Add(new($"{Path}.metrics.outbox-timeout", $"must be more than 0 (it is {Metrics.OutboxTimeout.TotalSeconds}s); write e.g. outbox-timeout = 2s"));
        return errors;
    }
}

/// <summary>The <c>supervisor.http.metrics</c> section: Prometheus metrics at <c>/metrics</c> on the HTTP listener.</summary>
/// <param name="Enabled">Serve <c>/metrics</c> (when the listener is on).</param>
/// <param name="RequireKey">Off: anonymous, like <c>/healthz</c>. On: any API key.</param>
/// <param name="OutboxTimeout">How long a scrape waits for the notifier's outbox depth.</param>
public sealed record HttpMetricsSettings(bool Enabled, bool RequireKey, TimeSpan OutboxTimeout)
{
    public const string Path = HttpSettings.Path + ".metrics";

    /// <summary>reference.conf's values, for settings built in code (HttpConfigTests pins the two together, as for <see cref="HttpSettings.Off"/>).</summary>
    public static HttpMetricsSettings Default { get; } = new(true, false, TimeSpan.FromSeconds(2));
}

/// <summary>HTTPS for the API: a PEM certificate (chain) and its PEM private key, both paths already resolved.</summary>
public sealed record HttpTlsSettings(string Certificate, string Key);

/// <summary>One API key: its name (who did it, in the log), the SHA-256 of the key, and what it may do.</summary>
public sealed record ApiKeySettings(string Name, string Hash, ApiRole Role);

/// <summary>One dashboard user: the name (who did it, in the audit), the bcrypt hash of the password, and what it may do.</summary>
public sealed record HttpUserSettings(string Name, string PasswordHash, ApiRole Role);

/// <summary>What a bcrypt hash looks like: <c>$2a$</c> (or 2b, 2y), a two-digit cost, 53 characters of salt and hash.</summary>
public static class PasswordHash
{
    private static readonly System.Text.RegularExpressions.Regex Bcrypt = new(@"^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$");

    public static bool IsBcrypt(string hash) => Bcrypt.IsMatch(hash);
}
