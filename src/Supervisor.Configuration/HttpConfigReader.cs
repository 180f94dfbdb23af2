using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Http;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.http { enabled, listen = "host:port", tls { cert, key }, api-keys { &lt;name&gt; { hash, role } }, metrics { … } }</c>.
/// Rules that need the whole section (a network bind needs a key) are <see cref="HttpSettings.Validate"/>'s; this turns
/// text into values and reports what it cannot read.
/// </summary>
internal static class HttpConfigReader
{
    private const string Path = HttpSettings.Path;
    private static readonly string[] Keys = ["enabled", "listen", "tls", "api-keys", "metrics", "users", "session-secret", "session-secret-file", "session-secret-env"];
    private static readonly string[] UserKeys = ["password-hash", "role"];
    private static readonly string[] MetricsKeys = ["enabled", "require-key", "outbox-timeout"];
    private static readonly string[] TlsKeys = ["cert", "key"];
    private static readonly string[] ApiKeyKeys = ["hash", "role"];

    public static HttpSettings Read(HoconSection root, string? baseDirectory)
    {
        var s = root.DefaultedChild("http");
        var enabled = s.Bool("enabled");
        var (host, port) = Listen(s);
        var tls = Tls(s, baseDirectory);
        var keys = ApiKeys(s);
        s.WarnUnknownKeys(Keys);
        var sessionSecret = SecretResolver.Resolve(s, baseDirectory, "session-secret", "session secret");
        return new HttpSettings(enabled, host, port, tls, keys) { Metrics = Metrics(s), Users = Users(s), SessionSecret = sessionSecret };
    }

    private static HttpMetricsSettings Metrics(HoconSection s)
    {
        var m = s.DefaultedChild("metrics");
        m.WarnUnknownKeys(MetricsKeys);
        return new HttpMetricsSettings(m.Bool("enabled"), m.Bool("require-key"), m.Duration("outbox-timeout"));
    }

    /// <summary>"host:port" or "[v6]:port"; unreadable text is reported and reference.conf's value used.</summary>
    private static (string Host, int Port) Listen(HoconSection s)
    {
        var text = s.String("listen");
        if (Split(text) is { } parsed) return parsed;
        s.Find("listen", out var path);
        s.Diag.Error(path, $"\"{text}\" is not host:port; write e.g. listen = \"127.0.0.1:8080\" (\"0.0.0.0:8080\" for every interface, with an API key)");
        return Split(s.ReferenceTwin().String("listen")) ?? throw new MissingDefaultException(s.KeyPath("listen"), [s.Path]);
    }

    public static (string Host, int Port)? Split(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535) return null;
        var host = text[..colon].Trim();
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        return host.Length == 0 ? null : (host, port);
    }

    /// <summary>Both files or neither: a certificate without its key (or the other way round) is reported.</summary>
    private static HttpTlsSettings? Tls(HoconSection s, string? baseDirectory)
    {
        if (s.Child("tls") is not { } tls) return null;
        tls.WarnUnknownKeys(TlsKeys);
        if (!tls.Has("cert") && !tls.Has("key")) return null;
        var cert = TlsConfigReader.ExistingFile(tls, "cert", baseDirectory, "\"/etc/supervisor/http/cert.pem\" (PEM certificate chain)", "with tls.key set, set");
        var key = TlsConfigReader.ExistingFile(tls, "key", baseDirectory, "\"/etc/supervisor/http/key.pem\" (its PEM private key)", "with tls.cert set, set");
        return cert is not null && key is not null ? new HttpTlsSettings(cert, key) : null;
    }

    private static IReadOnlyList<ApiKeySettings> ApiKeys(HoconSection s)
    {
        var map = s.Find("api-keys", out var mapPath);
        if (map is null) return [];
        if (!map.IsObject())
        {
            if (map.IsString() && string.IsNullOrEmpty(map.GetString())) return [];
            s.Diag.Error(mapPath, $"must be a map of name -> {{ hash, role }}, not {HoconSection.Describe(map)}; make a key and its line with: supervisor http new-key --name NAME --role viewer");
            return [];
        }
        var keys = new List<ApiKeySettings>();
        foreach (var (name, body) in ConfigMaps.ObjectEntries(map.GetObject(), s.Diag, id => $"{mapPath}.{ConfigPath.Key(id)}", "hash = \"sha256:…\", role = viewer"))
        {
            var entry = new HoconSection($"{mapPath}.{ConfigPath.Key(name)}", body, s.Diag);
            var hash = entry.RequiredString("hash");
            var role = entry.OptionalEnum("role", ApiRoles.ByName);
            if (!entry.Has("role"))
                s.Diag.Error(entry.KeyPath("role"), $"missing; write role = viewer | operator | admin");
            entry.WarnUnknownKeys(ApiKeyKeys);
            if (hash.Length == 0)
                s.Diag.Error(entry.KeyPath("hash"), $"missing; make a key and its line with: supervisor http new-key --name {name} --role {(role is { } r ? ApiRoles.Name(r) : "viewer")}");
            else if (role is { } known) keys.Add(new ApiKeySettings(name, hash, known));
        }
        return keys;
    }

    /// <summary><c>users { &lt;name&gt; { password-hash = "$2a$…", role } }</c>; the hash's form is checked by <see cref="HttpSettings.Validate"/>.</summary>
    private static IReadOnlyList<HttpUserSettings> Users(HoconSection s)
    {
        var map = s.Find("users", out var mapPath);
        if (map is null || (map.IsString() && string.IsNullOrEmpty(map.GetString()))) return [];
        if (!map.IsObject())
        {
            s.Diag.Error(mapPath, $"must be a map of name -> {{ password-hash, role }}, not {HoconSection.Describe(map)}; make a hash with: supervisor hash-password");
            return [];
        }
        var users = new List<HttpUserSettings>();
        foreach (var (name, body) in ConfigMaps.ObjectEntries(map.GetObject(), s.Diag, id => $"{mapPath}.{ConfigPath.Key(id)}", "password-hash = \"$2a$…\", role = viewer"))
        {
            var entry = new HoconSection($"{mapPath}.{ConfigPath.Key(name)}", body, s.Diag);
            var hash = entry.RequiredString("password-hash");
            var role = entry.OptionalEnum("role", ApiRoles.ByName);
            if (!entry.Has("role")) s.Diag.Error(entry.KeyPath("role"), "missing; write role = viewer | operator | admin");
            entry.WarnUnknownKeys(UserKeys);
            if (hash.Length == 0) s.Diag.Error(entry.KeyPath("password-hash"), "missing; make one with `supervisor hash-password` (it reads the password from stdin)");
            else if (role is { } known) users.Add(new HttpUserSettings(name, hash, known));
        }
        return users;
    }
}
