using System.Net;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.nut-server { enabled, listen = "host:port", users { &lt;name&gt; { password, role } }, expose-devices, … }</c>.
/// Every problem is an error at its HOCON path with the fix; passwords are <see cref="Secret"/>s and may be references.
/// </summary>
internal static class NutServerConfigReader
{
    private const string Path = NutServerSettings.Path;
    private static readonly string[] Keys = ["enabled", "listen", "users", "expose-devices", "max-connections", "idle-timeout", "max-line-length", "refresh-interval"];
    private static readonly string[] UserKeys = ["password", "password-file", "password-env", "role"];

    private static readonly IReadOnlyDictionary<string, NutUserRole> Roles = new Dictionary<string, NutUserRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["secondary"] = NutUserRole.Secondary, ["primary"] = NutUserRole.Primary,
        // NUT before 2.8 called them slave and master; upsd.users files still say so.
        ["slave"] = NutUserRole.Secondary, ["master"] = NutUserRole.Primary,
    };

    public static NutServerSettings Read(HoconSection root, string? baseDirectory)
    {
        var s = root.DefaultedChild("nut-server");
        var enabled = s.Bool("enabled");
        var (host, port) = Listen(s);
        var users = Users(s, baseDirectory);
        var expose = s.Bool("expose-devices");
        var maxConnections = AtLeast(s, "max-connections", 1, "max-connections = 64");
        var idle = s.Duration("idle-timeout");
        var maxLine = AtLeast(s, "max-line-length", 64, "max-line-length = 1024 (upsd's own limit is 512 per word)");
        var refresh = s.Duration("refresh-interval");
        foreach (var (key, value) in new[] { ("idle-timeout", idle), ("refresh-interval", refresh) })
            if (value <= TimeSpan.Zero) s.Diag.Error(s.KeyPath(key), $"must be longer than 0s; write e.g. {key} = {(key == "idle-timeout" ? "5m" : "5s")}");
        s.WarnUnknownKeys(Keys);
        return new NutServerSettings(enabled, host, port, users, expose, maxConnections, idle, maxLine, refresh);
    }

    private static (string Host, int Port) Listen(HoconSection s)
    {
        var text = s.String("listen");
        if (HttpConfigReader.Split(text) is { } parsed)
        {
            if (parsed.Host == "localhost" || IPAddress.TryParse(parsed.Host, out _)) return parsed;
            s.Diag.Error(s.KeyPath("listen"), $"\"{parsed.Host}\" is not an IP address; write the address to bind, e.g. listen = \"0.0.0.0:{parsed.Port}\" (every interface) or \"127.0.0.1:{parsed.Port}\"");
            return HttpConfigReader.Split(s.ReferenceTwin().String("listen")) ?? throw new MissingDefaultException(s.KeyPath("listen"), [s.Path]);
        }
        s.Diag.Error(s.KeyPath("listen"), $"\"{text}\" is not host:port; write e.g. listen = \"127.0.0.1:3493\" (\"0.0.0.0:3493\" for every interface)");
        return HttpConfigReader.Split(s.ReferenceTwin().String("listen")) ?? throw new MissingDefaultException(s.KeyPath("listen"), [s.Path]);
    }

    private static int AtLeast(HoconSection s, string key, int min, string example)
    {
        var value = s.Int(key);
        if (value >= min) return value;
        s.Diag.Error(s.KeyPath(key), $"{value} must be at least {min}; write e.g. {example}");
        return min;
    }

    private static IReadOnlyList<NutUserSettings> Users(HoconSection s, string? baseDirectory)
    {
        var map = s.Find("users", out var mapPath);
        if (map is null) return [];
        if (!map.IsObject())
        {
            if (map.IsString() && string.IsNullOrEmpty(map.GetString())) return [];
            s.Diag.Error(mapPath, $"must be a map of name -> {{ password, role }}, not {HoconSection.Describe(map)}; write e.g. users {{ nas {{ password = \"env:NUT_NAS_PASSWORD\", role = secondary }} }}");
            return [];
        }
        var users = new List<NutUserSettings>();
        foreach (var (name, body) in ConfigMaps.ObjectEntries(map.GetObject(), s.Diag, id => $"{mapPath}.{ConfigPath.Key(id)}", "password = \"env:NUT_NAS_PASSWORD\", role = secondary"))
        {
            var entry = new HoconSection($"{mapPath}.{ConfigPath.Key(name)}", body, s.Diag);
            entry.WarnUnknownKeys(UserKeys);
            if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\\'))
                s.Diag.Error(entry.Path, "a NUT user name must be one plain word (no spaces, quotes or backslashes); rename it, e.g. nas");
            var password = SecretResolver.Resolve(entry, baseDirectory, "password", "password");
            if (password is null && !entry.Has("password") && !entry.Has("password-file") && !entry.Has("password-env"))
                s.Diag.Error(entry.KeyPath("password"), "missing; write password = \"env:NUT_PASSWORD\" (or file:/path, credential:NAME, or the password itself)");
            else if (password is { Length: 0 } || (password is null && entry.Find("password", out _) is { } raw && raw.IsString() && raw.GetString() is ""))
                s.Diag.Error(entry.KeyPath("password"), "is empty; NUT clients cannot send an empty password, so give the user one");
            var role = entry.OptionalEnum("role", Roles);
            if (!entry.Has("role")) s.Diag.Error(entry.KeyPath("role"), "missing; write role = secondary (watch and shut down) or role = primary (also FSD)");
            if (password is { Length: > 0 } p && role is { } r) users.Add(new NutUserSettings(name, p, r));
        }
        return users;
    }
}
