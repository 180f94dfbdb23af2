using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// A real HTTP receiver on loopback (the BCL's HttpListener) that keeps every webhook POST it gets and checks its
/// Standard Webhooks signature itself (HMAC-SHA256 over "id.timestamp.body", not through the product's code).
/// <see cref="HoldNext"/> makes it keep the next POST without answering (a receiver that took the request and hangs).
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _key;
    private readonly ConcurrentQueue<HttpListenerContext> _held = new();
    private int _holdNext;

    /// <param name="Answered">False for a POST held by <see cref="HoldNext"/>: the sender never learnt it arrived.</param>
    public sealed record Received(string WebhookId, string Kind, string Severity, string Title, string Message, bool SignatureValid, bool Answered = true);

    /// <summary>Record the next POST but never answer it (until disposed).</summary>
    public void HoldNext() => Interlocked.Exchange(ref _holdNext, 1);

    public ConcurrentQueue<Received> Posts { get; } = new();
    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The signing secret in the spec's form.</summary>
    public string Secret { get; }

    public WebhookReceiver()
    {
        _key = RandomNumberGenerator.GetBytes(24);
        Secret = "whsec_" + Convert.ToBase64String(_key);
        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var id = context.Request.Headers["webhook-id"] ?? "";
            var timestamp = context.Request.Headers["webhook-timestamp"] ?? "";
            var signature = context.Request.Headers["webhook-signature"] ?? "";
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray()));
            var json = JsonDocument.Parse(body).RootElement;
            var hold = Interlocked.Exchange(ref _holdNext, 0) == 1;
            Posts.Enqueue(new Received(id, json.GetProperty("kind").GetString()!, json.GetProperty("severity").GetString()!,
                json.GetProperty("title").GetString()!, json.GetProperty("message").GetString()!, signature.Split(' ').Contains(expected), !hold));
            if (hold)
            {
                _held.Enqueue(context); // kept, unanswered
                continue;
            }
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    /// <summary>The first POST of <paramref name="kind"/>, waited for up to <paramref name="within"/>; the failure lists what did arrive.</summary>
    public async Task<Received> FirstAsync(string kind, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (Posts.FirstOrDefault(p => p.Kind == kind) is { } post) return post;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"no {kind} within {within.TotalSeconds}s; received: {string.Join(" | ", Posts.Select(p => $"{p.Kind} {p.WebhookId}"))}");
    }

    public void Dispose() => _listener.Close();
}
