using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.DistributedData;
using Akka.Configuration;
using Supervisor.Configuration;
using Supervisor.Actors.Coordination;
using Supervisor.Actors.Hosting;
using Supervisor.Actors.Placement;
using Supervisor.Domain;

namespace Supervisor.Node.Hosting;

/// <summary>Everything a node needs to start: the final Akka config, the typed settings and its roles.</summary>
public sealed record NodeConfiguration(Config Akka, SupervisorSettings Settings, IReadOnlyList<string> Roles, string ConfigFile)
{
    public bool HasRole(string role) => Roles.Contains(role);
    /// <summary>
    /// The address other nodes know this one by: public-hostname when set (binding 0.0.0.0), else hostname;
    /// <c>akka.ssl.tcp://</c> when <c>supervisor.tls</c> is on.
    /// </summary>
    public string Address
    {
        get
        {
            var publicName = Akka.GetString("akka.remote.dot-netty.tcp.public-hostname");
            var host = string.IsNullOrWhiteSpace(publicName) ? Akka.GetString("akka.remote.dot-netty.tcp.hostname") : publicName;
            return $"{TlsConfiguration.Scheme(Settings.Tls.Enabled)}://{ClusterNames.SystemName}@{host}:{Akka.GetInt("akka.remote.dot-netty.tcp.port")}";
        }
    }
    public IReadOnlyList<string> Seeds => Akka.GetStringList("akka.cluster.seed-nodes")?.ToList() ?? [];

    /// <summary>Non-loopback addresses this node uses in plaintext (only possible with supervisor.tls.allow-plaintext = on); empty with TLS.</summary>
    public IReadOnlyList<ExposedAddress> PlaintextOnNetwork => Settings.Tls.Enabled ? [] : NetworkExposure.Find(Akka);

    /// <summary>The config warnings this node starts with (printed at start, and put in the event log by the node).</summary>
    public IReadOnlyList<ConfigError> Warnings { get; init; } = [];
}

/// <summary>Result of building a node's configuration: a node, or every error that prevents one.</summary>
public sealed record NodeConfigurationResult(NodeConfiguration? Node, IReadOnlyList<ConfigError> Errors, IReadOnlyList<ConfigError> Warnings);

/// <summary>
/// Layers the configuration of one node — reference.conf &lt; cluster.hocon &lt; user file &lt; flags — and checks
/// both the supervisor keys and the Akka keys a node cannot start without, naming each bad key.
/// </summary>
public static class NodeConfigurationBuilder
{
    public static NodeConfigurationResult Build(NodeOptions options)
    {
        var configFile = options.ResolveConfigFile();
        // cluster.hocon and the demo are built into the binary (a single-file install has nothing beside it).
        var cluster = BuiltInConfig.ClusterHocon();
        var user = options.ConfigFile is null && configFile == BuiltInConfig.DemoName ? BuiltInConfig.Demo() : SupervisorConfigLoader.ParseFile(configFile);
        var fileErrors = new[] { cluster.Error, user.Error }.OfType<ConfigError>().ToList();
        if (fileErrors.Count > 0) return new(null, fileErrors, []);

        // TLS decides the address scheme, so it is known before the --seed shorthand is expanded. No flag sets it.
        var tls = TlsConfiguration.IsEnabledIn(user.Config!.WithFallback(cluster.Config!));
        var flags = FlagsConfig(options, tls, out var flagErrors);
        var merged = flags.WithFallback(user.Config!).WithFallback(cluster.Config!);
        var loaded = SupervisorConfigLoader.Load(merged, user.Directory);

        var errors = flagErrors.Concat(loaded.Errors).ToList();
        var warnings = DuplicateEntries.Warnings(cluster, user).Concat(loaded.Warnings).ToList();
        var roles = ClusterKeyChecks.Check(merged, errors, tls);
        NetworkExposure.Check(merged, tls, TlsConfiguration.IsOn(merged, NetworkExposure.AllowPlaintextKey), errors, warnings);
        if (loaded.Settings is { } settings && roles is not null)
            RoleChecks(settings, roles, warnings);
        if (errors.Count > 0 || loaded.Settings is null || roles is null) return new(null, errors, warnings);

        // PostgreSQL journal: the singleton is guarded by a lease in that database, so the removal margin drops (unless
        // the user's file sets it); the lease keys sit below the user's file so each can be tuned there.
        var akka = TlsConfiguration.TransportHocon(tls)
            .WithFallback(SingletonLeaseHocon.RemovalMargin(loaded.Settings.Journal, user.Config!))
            .WithFallback(merged)
            .WithFallback(SingletonLeaseHocon.Lease(loaded.Settings.Journal))
            .WithFallback(ShardingHocon.For(loaded.Settings))
            .WithFallback(SupervisorHocon.Essentials(loaded.Settings))
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(DistributedData.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig());
        return new(new NodeConfiguration(akka, loaded.Settings, roles, configFile) { Warnings = warnings }, errors, warnings);
    }

    /// <summary>The command-line flags as HOCON, so they win by plain layering.</summary>
    private static Config FlagsConfig(NodeOptions o, bool tls, out List<ConfigError> errors)
    {
        errors = [];
        var lines = new List<string>();
        if (o.Port is { } port) lines.Add($"akka.remote.dot-netty.tcp.port = {port}");
        if (o.Hostname is { } host) lines.Add($"akka.remote.dot-netty.tcp.hostname = {Quote(host)}");
        if (o.Roles is { Count: > 0 } roles) lines.Add($"akka.cluster.roles = [{string.Join(", ", roles.Select(Quote))}]");
        if (o.DataDir is { } dir) lines.Add($"supervisor.data-dir = {Quote(dir)}");
        if (o.HttpListen is { } listen) lines.Add($"supervisor.http.listen = {Quote(listen)}");
        if (o.Seeds is { Count: > 0 } seeds)
        {
            var expanded = new List<string>();
            foreach (var seed in seeds)
            {
                if (ExpandSeed(seed, tls) is { } address) expanded.Add(address);
                else errors.Add(new ConfigError("--seed", $"\"{seed}\" is not a node address; write host:port (e.g. 127.0.0.1:4053) or {TlsConfiguration.Scheme(tls)}://{ClusterNames.SystemName}@host:port"));
            }
            lines.Add($"akka.cluster.seed-nodes = [{string.Join(", ", expanded.Select(Quote))}]");
        }
        return ConfigurationFactory.ParseString(string.Join("\n", lines));
    }

    /// <summary>
    /// "host:port" → "akka.tcp://supervisor@host:port", or "akka.ssl.tcp://…" when <paramref name="tls"/> is on; a full
    /// address passes through unchanged (a scheme that contradicts TLS is reported by <see cref="ClusterKeyChecks"/>).
    /// </summary>
    public static string? ExpandSeed(string seed, bool tls = false)
    {
        if (seed.Contains("://")) return seed;
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], out var port) || port is < 1 or > 65535) return null;
        return $"{TlsConfiguration.Scheme(tls)}://{ClusterNames.SystemName}@{seed[..colon]}:{port}";
    }

    private static void RoleChecks(SupervisorSettings s, IReadOnlyList<string> roles, List<ConfigError> warnings)
    {
        if (roles.Contains(ClusterNames.Roles.Agent) && s.Agent is null)
            warnings.Add(new ConfigError("akka.cluster.roles", "role \"agent\" but no supervisor.agent section: this node runs no agent; add supervisor.agent { host = … } or drop the role"));
        if (!roles.Contains(ClusterNames.Roles.Agent) && s.Agent is not null)
            warnings.Add(new ConfigError("supervisor.agent", "this node lacks role \"agent\", so its agent section is ignored; add the role to run it"));
        if (roles.Contains(ClusterNames.Roles.Supervisor) && s.Groups.Count == 0)
            warnings.Add(new ConfigError("supervisor.groups", "role \"supervisor\" but no groups: nothing will ever be shut down from this cluster"));
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
