using System.Net.Sockets;
using Renci.SshNet.Common;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions.Ssh;

/// <summary>Operator text for what the network or the remote sshd did; null for anything else (a bug: rethrown as is).</summary>
internal static class SshFailures
{
    public static string? Explain(Exception ex, string? hostKeyRefusal, SshSpec spec, string doing, TimeSpan timeout, bool stopping)
    {
        var at = spec.Endpoint;
        if (hostKeyRefusal is not null) return hostKeyRefusal;
        return ex switch
        {
            OperationCanceledException when stopping => $"the agent was stopping while {doing}",
            OperationCanceledException or SshOperationTimeoutException or TimeoutException =>
                $"timed out after {timeout.TotalSeconds:0.#}s {doing}; is {at} reachable and its sshd answering? (raise timeout if the command needs longer)",
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                $"connection refused by {at}: is sshd running there, and listening on port {spec.Port}?",
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
                $"host \"{spec.Host}\" not found (DNS); check host in the action (connecting to {at})",
            SocketException s => $"network error {doing}: {s.Message} ({s.SocketErrorCode}); is {at} reachable from this host?",
            SshAuthenticationException =>
                $"{at} refused the key {spec.KeyFile} for user \"{spec.User}\"; add its public key (ssh-keygen -y -f {spec.KeyFile}) " +
                $"to ~{spec.User}/.ssh/authorized_keys on {spec.Host}, or correct user / key",
            SshConnectionException c => $"{at} closed the SSH connection while {doing}: {c.Message}; check sshd's log on {spec.Host}",
            SshException s => $"SSH failure while {doing}: {s.Message}",
            IOException io => $"I/O error while {doing}: {io.Message}; is {at} really an SSH server?",
            _ => null,
        };
    }
}
