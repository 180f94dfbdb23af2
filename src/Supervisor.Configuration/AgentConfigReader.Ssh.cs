using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class AgentConfigReader
{
    /// <summary><c>type = ssh</c>: the key and known_hosts files resolve against the config file's directory.</summary>
    private static ActionSpec? ReadSsh(HoconSection s, string? baseDirectory)
    {
        // One string, not argv: the remote sshd hands it to the user's shell whatever we send.
        var command = s.OptionalString("command");
        return new SshSpec(
            Host: s.RequiredString("host"),
            Port: s.Int("port"),
            User: s.RequiredString("user"),
            KeyFile: Resolve(s.OptionalString("key"), baseDirectory) ?? "",
            KnownHostsFile: Resolve(s.OptionalString("known-hosts"), baseDirectory),
            HostKey: s.OptionalString("host-key"),
            Command: command ?? "");
    }

    private static string? Resolve(string? file, string? baseDirectory) =>
        file is null || Path.IsPathRooted(file) || baseDirectory is null ? file : Path.GetFullPath(Path.Combine(baseDirectory, file));
}
