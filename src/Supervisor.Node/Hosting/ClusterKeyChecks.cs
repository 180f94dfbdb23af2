using Akka.Actor;
using Akka.Configuration;
using Supervisor.Domain;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Checks the Akka keys a node reads at start-up, so bad cluster config is refused with the key named
/// instead of failing deep inside Akka (or, worse, forming the wrong cluster).
/// </summary>
internal static class ClusterKeyChecks
{
    /// <summary>Returns the roles, or null when a key is so broken that no roles can be read; adds errors.</summary>
    /// <param name="tls">supervisor.tls.enabled: every address must then be akka.ssl.tcp, and otherwise akka.tcp.</param>
    public static IReadOnlyList<string>? Check(Config c, List<ConfigError> errors, bool tls = false)
    {
        CheckPort(c, errors);
        CheckHostname(c, errors);
        CheckSeeds(c, errors, tls);
        CheckSslSwitch(c, errors, tls);
        CheckLogLevels(c, errors);
        return ReadRoles(c, errors);
    }

    private static void CheckPort(Config c, List<ConfigError> errors)
    {
        const string key = "akka.remote.dot-netty.tcp.port";
        var raw = Safe(() => c.GetString(key));
        if (raw is null || !int.TryParse(raw, out var port) || port is < 0 or > 65535)
            errors.Add(new ConfigError(key, $"\"{raw}\" is not a TCP port; use 0–65535 (0 = any free port), e.g. --port 4053"));
    }

    private static void CheckHostname(Config c, List<ConfigError> errors)
    {
        const string key = "akka.remote.dot-netty.tcp.hostname";
        if (string.IsNullOrWhiteSpace(Safe(() => c.GetString(key))))
            errors.Add(new ConfigError(key, "is empty; set the address other nodes reach this one at, e.g. \"127.0.0.1\""));
    }

    /// <summary>akka.tcp, or akka.ssl.tcp with TLS; transport adapters (e.g. the throttler tests use) add their names: akka.trttl.tcp.</summary>
    private static string ExpectedScheme(Config c, bool tls)
    {
        var adapters = Safe(() => c.GetStringList("akka.remote.dot-netty.tcp.applied-adapters")) ?? [];
        var baseScheme = TlsConfiguration.Scheme(tls);
        return adapters.Count == 0 ? baseScheme : "akka." + string.Join(".", adapters.Reverse()) + baseScheme["akka".Length..];
    }

    private static void CheckSeeds(Config c, List<ConfigError> errors, bool tls)
    {
        const string key = "akka.cluster.seed-nodes";
        var scheme = ExpectedScheme(c, tls);
        var seeds = Safe(() => c.GetStringList(key));
        if (seeds is null)
        {
            errors.Add(new ConfigError(key, $"must be a list of node addresses, e.g. [\"{scheme}://supervisor@127.0.0.1:4053\"]"));
            return;
        }
        foreach (var (seed, i) in seeds.Select((s, i) => (s, i)))
        {
            var address = Safe(() => Address.Parse(seed));
            if (address is null || address.Host is null || address.Port is null)
                errors.Add(new ConfigError($"{key}[{i}]", $"\"{seed}\" is not a node address; write {scheme}://{ClusterNames.SystemName}@host:port"));
            else if (address.System != ClusterNames.SystemName)
                errors.Add(new ConfigError($"{key}[{i}]", $"\"{seed}\" names actor system \"{address.System}\"; Supervisor nodes are \"{ClusterNames.SystemName}\" ({scheme}://{ClusterNames.SystemName}@{address.Host}:{address.Port})"));
            else if (address.Protocol != scheme)
                // A node only speaks one scheme: a seed in the other one is never reached, and the node would wait forever to join.
                errors.Add(new ConfigError($"{key}[{i}]", $"\"{seed}\" uses {address.Protocol}:// but supervisor.tls.enabled = {(tls ? "on" : "off")}, so nodes are " +
                    $"{scheme}://{ClusterNames.SystemName}@{address.Host}:{address.Port}{(tls ? "" : " (akka.ssl.tcp needs supervisor.tls { enabled = on, … })")}"));
        }
    }

    /// <summary>Akka's own switch without supervisor.tls would validate against the OS CA store, which fails for a private CA.</summary>
    private static void CheckSslSwitch(Config c, List<ConfigError> errors, bool tls)
    {
        const string key = "akka.remote.dot-netty.tcp.enable-ssl";
        bool on;
        try { on = c.HasPath(key) && c.GetBoolean(key); }
        catch (Exception) { on = false; } // not a switch at all: Akka reports it at start
        if (on && !tls)
            errors.Add(new ConfigError(key, "is on but supervisor.tls.enabled is off; turn TLS on with supervisor.tls { enabled = on, certificate = …, ca-certificate = … } and remove this key"));
    }

    private static readonly string[] LogLevels = ["DEBUG", "INFO", "WARNING", "ERROR", "OFF"];

    /// <summary>Akka reads these when the actor system starts and throws for any other word, with a stack trace and no key.</summary>
    private static void CheckLogLevels(Config c, List<ConfigError> errors)
    {
        foreach (var key in new[] { "akka.loglevel", "akka.stdout-loglevel" })
        {
            if (!c.HasPath(key)) continue;
            var value = Safe(() => c.GetString(key));
            if (value is not null && LogLevels.Contains(value.Trim().ToUpperInvariant())) continue;
            errors.Add(new ConfigError(key, $"{(value is null ? "is not a single word" : $"\"{value}\" is not a log level")}; use one of {string.Join(", ", LogLevels)} (e.g. {key} = INFO)"));
        }
    }

    private static IReadOnlyList<string>? ReadRoles(Config c, List<ConfigError> errors)
    {
        const string key = "akka.cluster.roles";
        var roles = Safe(() => c.GetStringList(key));
        if (roles is null || roles.Count == 0)
        {
            errors.Add(new ConfigError(key, $"needs at least one role: {string.Join(", ", ClusterNames.Roles.All)}"));
            return null;
        }
        foreach (var role in roles.Where(r => !ClusterNames.Roles.All.Contains(r)))
            errors.Add(new ConfigError(key, $"unknown role \"{role}\"; use {string.Join(" and/or ", ClusterNames.Roles.All)}"));
        return roles.ToList();
    }

    private static T? Safe<T>(Func<T> read) where T : class
    {
        try { return read(); }
        catch (Exception) { return null; }
    }
}
