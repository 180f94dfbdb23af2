using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// <c>type = ssh</c>: run one allow-listed command line on a host that has no agent, logging in with a key and
/// trusting only a pinned host key (<paramref name="KnownHostsFile"/> or <paramref name="HostKey"/>, exactly one).
/// Succeeded when the remote command exits 0. Files are already resolved against the config's directory.
/// </summary>
public sealed record SshSpec(string Host, int Port, string User, string KeyFile, string? KnownHostsFile, string? HostKey, string Command) : ActionSpec
{
    public const int DefaultPort = 22;

    public override string Type => "ssh";

    public string Endpoint => $"{Host}:{Port}";

    public override string Describe() => $"ssh {User}@{Endpoint}: {Command}";

    public override IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Host.Length == 0) yield return ("host", "missing; give the remote host's name or address, e.g. host = nas-1.lan");
        if (Port is < 1 or > 65535) yield return ("port", $"{Port} is not a TCP port; use 1..65535 (sshd listens on 22 unless told otherwise)");
        if (User.Length == 0) yield return ("user", "missing; give the remote account to log in as, e.g. user = shutdown");
        if (KeyFile.Length == 0) yield return ("key", "missing; give the private key file, e.g. key = \"keys/nas-1\" (ssh-keygen -t ed25519 -N '' -f keys/nas-1)");
        if (KnownHostsFile is null && HostKey is null)
            yield return ("host-key", "the host key is not pinned; set known-hosts = \"known_hosts\" (an OpenSSH known_hosts file) or host-key = \"SHA256:…\" (ssh-keygen -lf on the host's key)");
        if (KnownHostsFile is not null && HostKey is not null)
            yield return ("host-key", "set only one of known-hosts and host-key");
        if (HostKey is not null && !SshHostKeys.IsFingerprint(HostKey))
            yield return ("host-key", $"\"{HostKey}\" is not a SHA256 fingerprint; write it as ssh-keygen -lf prints it, e.g. host-key = \"SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og\"");
        if (string.IsNullOrWhiteSpace(Command))
            yield return ("command", "missing; give the remote command line to allow, e.g. command = \"sudo /sbin/poweroff\"");
    }
}
