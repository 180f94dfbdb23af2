using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;
using System.Net;
using System.Net.Sockets;
using Supervisor.Actions.Http;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Docker;

/// <summary>What <c>POST /containers/{id}/stop</c> answered (204, 304 or 404 per the Engine API's ContainerStop).</summary>
internal enum StopAnswer { Stopped, AlreadyStopped, NoSuchContainer }

/// <summary>
/// The few Docker Engine API calls a docker action makes (https://docs.docker.com/reference/api/engine/version/v1.57/):
/// over the unix socket (HTTP on a stream from a <see cref="UnixDomainSocketEndPoint"/>) or a TCP engine's URL.
/// Paths carry no version prefix, so the engine serves its own current API version. Every fault comes out as a
/// <see cref="RemoteApiProblem"/> worded for the user.
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    private readonly DockerSpec _spec;
    private readonly HttpClient _http;

    public DockerEngine(DockerSpec spec)
    {
        _spec = spec;
        var handler = new SocketsHttpHandler();
        if (spec.Url is null) handler.ConnectCallback = (_, ct) => ConnectUnixAsync(spec.Socket, ct);
        // The deadline token bounds every call; HttpClient's own 100 s default would cut a long stop grace short.
        _http = new HttpClient(handler) { BaseAddress = spec.Url ?? new Uri("http://docker/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    private static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary><c>GET /_ping</c>: the engine answers <c>OK</c>.</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "_ping", ct);
        if (status != HttpStatusCode.OK || body.Trim() != "OK") throw Unexpected("GET /_ping", status, body);
    }

    /// <summary><c>GET /containers/json</c>: without <c>all=true</c> the engine lists running containers only.</summary>
    public async Task<IReadOnlyList<DockerContainer>> ListRunningAsync(CancellationToken ct)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "containers/json", ct);
        if (status != HttpStatusCode.OK) throw Unexpected("GET /containers/json", status, body);
        var parsed = DockerReplies.ContainerList(body);
        return parsed.Value ?? throw new RemoteApiProblem($"the engine's reply to GET /containers/json is unusable: {parsed.Problem}");
    }

    public async Task<StopAnswer> StopAsync(string container, int seconds, CancellationToken ct)
    {
        var request = $"POST /containers/{container}/stop?t={seconds}";
        var (status, body) = await SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(container)}/stop?t={seconds}", ct);
        return status switch
        {
            HttpStatusCode.NoContent => StopAnswer.Stopped,
            HttpStatusCode.NotModified => StopAnswer.AlreadyStopped,
            HttpStatusCode.NotFound => StopAnswer.NoSuchContainer,
            _ => throw Unexpected(request, status, body),
        };
    }

    /// <summary><c>GET /containers/{id}/json</c>'s <c>State.Running</c>; null when the container is gone (404, e.g. removed by <c>--rm</c>).</summary>
    public async Task<bool?> RunningAsync(string container, CancellationToken ct)
    {
        var request = $"GET /containers/{container}/json";
        var (status, body) = await SendAsync(HttpMethod.Get, $"containers/{Uri.EscapeDataString(container)}/json", ct);
        if (status == HttpStatusCode.NotFound) return null;
        if (status != HttpStatusCode.OK) throw Unexpected(request, status, body);
        var parsed = DockerReplies.Running(body);
        return parsed.Problem is null ? parsed.Value : throw new RemoteApiProblem($"the engine's reply to {request} is unusable: {parsed.Problem}");
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        try
        {
            using var response = await _http.SendAsync(new HttpRequestMessage(method, path), ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e)
        {
            throw new RemoteApiProblem(DockerConnectProblem.Describe(_spec, e));
        }
    }

    private RemoteApiProblem Unexpected(string request, HttpStatusCode status, string body) =>
        new($"the engine at {_spec.Endpoint} answered {(int)status} to {request}: {DockerReplies.ErrorMessage(body)}");

    public void Dispose() => _http.Dispose();
}
