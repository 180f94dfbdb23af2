using System.Net;
using Akka.Actor;
using Akka.Configuration;

namespace Supervisor.Node.Hosting;

/// <summary>One cluster address of a node that is not loopback: the key that holds it and the host it names.</summary>
public sealed record ExposedAddress(string Key, string Host)
{
    public override string ToString() => $"{Key} = \"{Host}\"";
}

/// <summary>
/// Secure by default on a network. Without TLS anyone who reaches a cluster port can join and have agents run their
/// allow-listed actions, poweroff included. So a node whose cluster address (bind hostname, public-hostname) or any
/// seed is not loopback refuses to start without mutual TLS, unless the config says
/// <c>supervisor.tls.allow-plaintext = on</c>, which is then a loud warning. Loopback (127.0.0.0/8, ::1, localhost)
/// stays plaintext-friendly: only processes on this host can reach it, which is how the demo and the tests run.
/// Host names are not resolved: the rule must give the same answer in <c>validate</c> on a workstation as in
/// <c>run</c> on the node, so only "localhost" counts as a loopback name.
/// </summary>
public static class NetworkExposure
{
    public const string AllowPlaintextKey = ConfigPath.Tls + ".allow-plaintext";
    private const string Transport = "akka.remote.dot-netty.tcp";

    /// <summary>Every non-loopback cluster address in <paramref name="akka"/>: bind, public name, seeds (malformed ones are reported elsewhere).</summary>
    public static IReadOnlyList<ExposedAddress> Find(Config akka)
    {
        var found = new List<ExposedAddress>();
        foreach (var key in new[] { $"{Transport}.hostname", $"{Transport}.public-hostname" })
        {
            var host = Read(() => akka.GetString(key));
            if (!string.IsNullOrWhiteSpace(host) && !IsLoopback(host)) found.Add(new(key, host));
        }
        var seeds = Read(() => akka.GetStringList("akka.cluster.seed-nodes")) ?? [];
        foreach (var (seed, i) in seeds.Select((s, i) => (s, i)))
        {
            // A loopback node that joins a remote seed is on the network too: its links to that seed cross it.
            if (Read(() => Address.Parse(seed)) is { Host: { } host } && !IsLoopback(host))
                found.Add(new($"akka.cluster.seed-nodes[{i}]", host));
        }
        return found;
    }

    /// <summary>127.0.0.0/8, ::1 (bracketed or not), "localhost" and "*.localhost"; 0.0.0.0 binds every interface, so it is not.</summary>
    public static bool IsLoopback(string host) => LoopbackHost.Is(host);

    /// <summary>The rule: an error without TLS or the opt-out, a warning with the opt-out; nothing on loopback or with TLS.</summary>
    public static void Check(Config akka, bool tls, bool allowPlaintext, List<ConfigError> errors, List<ConfigError> warnings)
    {
        if (tls) return;
        var exposed = Find(akka);
        if (exposed.Count == 0) return;
        // The first few are enough to see why; a three-node seed list would otherwise fill the line.
        var where = string.Join(", ", exposed.Take(3)) + (exposed.Count > 3 ? $" and {exposed.Count - 3} more" : "");
        if (allowPlaintext)
            warnings.Add(new ConfigError(AllowPlaintextKey, $"on, so cluster links are PLAINTEXT on a network ({where}): {Risk}; turn on mutual TLS as soon as you can: {HowToTurnOnTls}"));
        else
            errors.Add(new ConfigError(ConfigPath.Tls, $"mutual TLS is off, but this node is on a network ({where}): without TLS, {Risk}. " +
                $"Turn TLS on: {HowToTurnOnTls}. Or, on a network you fully trust, accept the risk with {AllowPlaintextKey} = on"));
    }

    private const string Risk =
        "anyone who reaches a cluster port can join the cluster and have agents run their allow-listed actions, poweroff included";

    private const string HowToTurnOnTls =
        "`supervisor certs init` once, then `supervisor certs issue <node-name> --san <address>` per node and paste the supervisor.tls block it prints into that node's config";

    private static T? Read<T>(Func<T> read) where T : class
    {
        try { return read(); }
        catch (Exception) { return null; }
    }
}
