using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Supervisor.Notifications.Tests;

/// <summary>One request as the receiver saw it on the wire.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>What the receiver answers: a status, optional headers, and an optional delay before answering.</summary>
public sealed record Answer(int Status, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default, string Body = "");

/// <summary>
/// A real Kestrel server on a free loopback port. It records every request and answers with <see cref="Respond"/>
/// (200 by default), so a test asserts what a channel really sent over HTTP and how it reads the real answer.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    public Func<ReceivedRequest, Answer> Respond { get; set; } = _ => new Answer(200);

    private LoopbackHttpServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public ReceivedRequest Single() => Assert.Single(Received);

    /// <param name="port">A fixed port (a receiver coming back where a channel keeps trying); 0: any free one.</param>
    public static async Task<LoopbackHttpServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackHttpServer(app);
        app.Run(server.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1"));
        return server;
    }

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    private async Task Handle(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body.ToArray());
        _received.Enqueue(request);
        var answer = Respond(request);
        if (answer.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(answer.Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (answer.Body.Length > 0) await context.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>Notifications to send in tests.</summary>
public static class Samples
{
    public static readonly DateTimeOffset At = new(2026, 12, 7, 10, 30, 0, TimeSpan.Zero);

    public static Notification OnBattery(string id = "n-0001") => new(
        id, "ONBATT", EventSeverity.Critical, new EventSubject(SubjectKind.Device, "ups-a"),
        "ups-a on battery", "ups-a is on battery: charge 97 %, runtime 41 min, load 23 %", At,
        new Dictionary<string, string> { ["device"] = "ups-a", ["charge"] = "97", ["runtime-min"] = "41" });

    /// <summary>A port nothing listens on: bound once, then released.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
