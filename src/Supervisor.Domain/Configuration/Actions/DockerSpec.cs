namespace Supervisor.Domain.Configuration;

/// <summary>
/// <c>type = docker</c>: stop the listed containers (all running ones when the list is empty) through the Docker
/// Engine API, each with <paramref name="StopSeconds"/> of grace before the engine kills it, then confirm each has stopped.
/// </summary>
/// <param name="Socket">The engine's unix socket; used unless <paramref name="Url"/> is set.</param>
/// <param name="Url">A TCP engine (<c>http://host:2375</c>), used instead of the socket when set.</param>
/// <param name="Containers">Names or ids; empty = every running container.</param>
/// <param name="StopSeconds">The <c>t</c> of <c>POST /containers/{id}/stop</c>: seconds between SIGTERM and SIGKILL.</param>
public sealed record DockerSpec(string Socket, Uri? Url, IReadOnlyList<string> Containers, int StopSeconds) : ActionSpec
{
    public const string DefaultSocket = "/var/run/docker.sock";

    public override string Type => "docker";

    /// <summary>Where the engine is, as a user would write it: <c>unix:///var/run/docker.sock</c> or the URL.</summary>
    public string Endpoint => Url is null ? $"unix://{Socket}" : Url.GetLeftPart(UriPartial.Authority);

    public override string Describe() =>
        $"docker: stop {(Containers.Count == 0 ? "every running container" : string.Join(", ", Containers))} via {Endpoint} (grace {StopSeconds}s)";

    public override IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Url is null && !Socket.StartsWith('/'))
            yield return ("socket", $"\"{Socket}\" is not an absolute path; write e.g. socket = \"{DefaultSocket}\"");
        if (Url is not null && Url.Scheme != Uri.UriSchemeHttp)
            yield return ("url", $"\"{Url}\" is not an http:// URL; a TCP engine is reached as url = \"http://host:2375\" (TLS engines are not supported: use the socket, or an SSH action)");
        if (StopSeconds < 0)
            yield return ("time", $"{StopSeconds} is negative; give the grace in seconds before the engine kills a container, e.g. time = 10");
        for (var i = 0; i < Containers.Count; i++)
            if (string.IsNullOrWhiteSpace(Containers[i]) || Containers[i].Contains('/'))
                yield return ($"containers[{i}]", "not a container name or id; write the name as `docker ps` shows it, e.g. containers = [web, db]");
    }
}
