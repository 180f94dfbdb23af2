using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Supervisor.Actions.Tests.Docker;

/// <summary>How a fake container reacts to <c>POST /containers/{id}/stop</c>.</summary>
public enum OnStop { Stops, StaysRunning, EngineError, RemovedOnStop }

public sealed class FakeContainer(string name, bool running = true, OnStop onStop = OnStop.Stops)
{
    public string Id { get; } = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
    public string Name { get; } = name;
    public bool Running { get; set; } = running;
    public OnStop OnStop { get; } = onStop;
}

/// <summary>
/// A Kestrel server on a unix socket in a temp dir that answers the Docker Engine API calls a docker action makes, in
/// the shapes the Engine API reference documents (v1.57: ContainerList, ContainerStop 204/304/404/500, ContainerInspect
/// State.Running, SystemPing, ErrorResponse <c>{"message": …}</c>). It records each request line.
/// </summary>
public sealed class FakeDockerEngine : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeContainer> _containers;
    private readonly string _dir;

    private FakeDockerEngine(WebApplication app, string dir, IEnumerable<FakeContainer> containers)
    {
        _app = app;
        _dir = dir;
        _containers = new(containers.ToDictionary(c => c.Name));
    }

    public string SocketPath => Path.Combine(_dir, "docker.sock");

    /// <summary>Answer the container list with this instead of JSON.</summary>
    public string? ListBody { get; set; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public FakeContainer this[string name] => _containers[name];

    /// <summary>The same engine on a loopback TCP port (a <c>dockerd -H tcp://…</c>).</summary>
    public Uri TcpUrl { get; private set; } = null!;

    public static async Task<FakeDockerEngine> StartAsync(params FakeContainer[] containers)
    {
        var dir = Directory.CreateTempSubdirectory("fake-docker-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenUnixSocket(Path.Combine(dir, "docker.sock"));
            k.Listen(System.Net.IPAddress.Loopback, 0);
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var engine = new FakeDockerEngine(app, dir, containers);
        app.Run(engine.Handle);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        engine.TcpUrl = new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal)));
        return engine;
    }

    private FakeContainer? Find(string reference) =>
        _containers.TryGetValue(reference, out var c) ? c : _containers.Values.FirstOrDefault(x => x.Id.StartsWith(reference, StringComparison.Ordinal));

    private async Task Handle(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        Requests.Enqueue($"{http.Request.Method} {path}{http.Request.QueryString}");
        var parts = path.Trim('/').Split('/');
        switch (http.Request.Method, parts)
        {
            case ("GET", ["_ping"]):
                await http.Response.WriteAsync("OK");
                return;
            case ("GET", ["containers", "json"]):
                if (ListBody is { } body) { await http.Response.WriteAsync(body); return; }
                await Json(http, 200, _containers.Values.Where(c => c.Running).Select(c => new
                {
                    c.Id, Names = new[] { "/" + c.Name }, Image = "nginx:1.27", State = "running", Status = "Up 3 hours",
                }));
                return;
            case ("POST", ["containers", var id, "stop"]):
                await Stop(http, id);
                return;
            case ("GET", ["containers", var id, "json"]):
                if (Find(id) is not { } c) { await NoSuch(http, id); return; }
                await Json(http, 200, new { c.Id, Name = "/" + c.Name, State = new { Status = c.Running ? "running" : "exited", c.Running, ExitCode = c.Running ? 0 : 143 } });
                return;
            default:
                await Json(http, 404, new { message = "page not found" });
                return;
        }
    }

    private async Task Stop(HttpContext http, string id)
    {
        if (Find(id) is not { } c) { await NoSuch(http, id); return; }
        if (!c.Running) { http.Response.StatusCode = 304; return; }
        switch (c.OnStop)
        {
            case OnStop.EngineError:
                await Json(http, 500, new { message = "cannot stop container: permission denied by the runtime" });
                return;
            case OnStop.StaysRunning:
                break;
            case OnStop.RemovedOnStop:
                _containers.TryRemove(c.Name, out _);
                break;
            default:
                c.Running = false;
                break;
        }
        http.Response.StatusCode = 204;
    }

    private static Task NoSuch(HttpContext http, string id) => Json(http, 404, new { message = $"No such container: {id}" });

    private static async Task Json(HttpContext http, int status, object body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
