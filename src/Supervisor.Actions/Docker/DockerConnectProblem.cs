using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;
using System.Net.Sockets;

namespace Supervisor.Actions.Docker;

/// <summary>Why the engine could not be reached, with the fix: the socket is missing, not ours to open, or nobody listens.</summary>
internal static class DockerConnectProblem
{
    public static string Describe(DockerSpec spec, HttpRequestException e)
    {
        var error = (e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException)?.SocketErrorCode;
        if (spec.Url is { } url)
            return error == SocketError.ConnectionRefused
                ? $"nothing answers at {spec.Endpoint}: is the engine listening on TCP there (dockerd -H tcp://0.0.0.0:{url.Port})? or use the local socket"
                : $"cannot reach the engine at {spec.Endpoint}: {e.Message}";
        if (!File.Exists(spec.Socket) && error != SocketError.AccessDenied)
            return $"the Docker socket {spec.Socket} does not exist: is the Docker engine installed and running on this host (systemctl status docker)? or set socket = the engine's socket path";
        return error switch
        {
            SocketError.AccessDenied =>
                $"permission denied opening {spec.Socket}: the agent's user ({Environment.UserName}) needs the docker group (usermod -aG docker {Environment.UserName}, then restart the agent)",
            SocketError.ConnectionRefused =>
                $"nothing listens on {spec.Socket}: the Docker engine is not running (systemctl start docker)",
            _ => $"cannot reach the engine at {spec.Endpoint}: {e.Message}",
        };
    }
}
