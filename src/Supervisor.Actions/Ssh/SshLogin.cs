using Renci.SshNet;
using Renci.SshNet.Common;
using Supervisor.Domain.Agents.Actions;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions.Ssh;

/// <summary>
/// What one SSH session needs before it dials: the private key (loaded from its file) and the pinned host keys (from
/// known-hosts or host-key). Files are read per run, so a rotated key or an edited known_hosts needs no restart.
/// </summary>
internal sealed class SshLogin : IDisposable
{
    private readonly SshSpec _spec;
    private readonly PrivateKeyFile _key;
    private readonly IReadOnlyList<PinnedHostKey> _pins;
    private readonly string _pinnedIn;

    private SshLogin(SshSpec spec, PrivateKeyFile key, IReadOnlyList<PinnedHostKey> pins, string pinnedIn) =>
        (_spec, _key, _pins, _pinnedIn) = (spec, key, pins, pinnedIn);

    /// <returns>The login, or null with <paramref name="problem"/> naming the file and the fix.</returns>
    public static SshLogin? Prepare(SshSpec spec, out string? problem)
    {
        problem = null;
        IReadOnlyList<PinnedHostKey> pins;
        string pinnedIn;
        if (spec.KnownHostsFile is { } file)
        {
            if (!File.Exists(file))
            {
                problem = $"known-hosts file {file} does not exist; create it with ssh-keyscan -p {spec.Port} {spec.Host} > {file} (and check the fingerprints), or set host-key instead";
                return null;
            }
            pins = SshHostKeys.FromKnownHosts(File.ReadAllText(file), spec.Host, spec.Port);
            pinnedIn = $"known-hosts {file}";
        }
        else
        {
            pins = [new PinnedHostKey("", spec.HostKey ?? "")];
            pinnedIn = "host-key";
        }

        if (!File.Exists(spec.KeyFile))
        {
            problem = $"key file {spec.KeyFile} does not exist; make one with ssh-keygen -t ed25519 -N '' -f {spec.KeyFile} and add its .pub to {spec.User}'s authorized_keys on {spec.Host}";
            return null;
        }
        try
        {
            return new SshLogin(spec, new PrivateKeyFile(spec.KeyFile), pins, pinnedIn);
        }
        catch (Exception ex) when (ex is SshException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"key file {spec.KeyFile} could not be read as an unencrypted OpenSSH/PEM private key ({ex.Message}); give a key without a passphrase (ssh-keygen -t ed25519 -N '')";
            return null;
        }
    }

    /// <summary>Key login only (no password, no keyboard-interactive), bounded by the action's timeout.</summary>
    public ConnectionInfo Connection(TimeSpan timeout)
    {
        var info = new ConnectionInfo(_spec.Host, _spec.Port, _spec.User, new PrivateKeyAuthenticationMethod(_spec.User, _key)) { Timeout = timeout };
        PreferPinnedKeyTypes(info);
        return info;
    }

    public string? Refusal(string keyType, string fingerprint) => SshHostKeys.Refusal(_pins, keyType, fingerprint, _spec.Host, _spec.Port, _pinnedIn);

    /// <summary>
    /// A host with several keys shows only the one the key exchange picks; as OpenSSH does, ask for the types that
    /// known_hosts pins, so a host pinned by its RSA key is not refused for offering ed25519 first.
    /// </summary>
    private void PreferPinnedKeyTypes(ConnectionInfo info)
    {
        var types = _pins.Where(p => !p.Revoked && p.KeyType.Length > 0).Select(p => p.KeyType).ToHashSet();
        if (types.Count == 0) return;
        var keep = info.HostKeyAlgorithms.Keys.Where(a => types.Contains(a) || (types.Contains("ssh-rsa") && a.StartsWith("rsa-sha2-", StringComparison.Ordinal))).ToList();
        if (keep.Count == 0) return;
        foreach (var name in info.HostKeyAlgorithms.Keys.Except(keep).ToList()) info.HostKeyAlgorithms.Remove(name);
    }

    public void Dispose() => _key.Dispose();
}
