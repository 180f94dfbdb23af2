using System.Text;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// Writes the Server-Sent Events wire format (WHATWG HTML, "server-sent events"): <c>id</c>, <c>event</c> and one
/// <c>data</c> line of JSON per frame, a blank line after each. The JSON is one line (System.Text.Json writes no
/// newlines unless indented), so a frame's data never needs splitting.
/// </summary>
internal sealed class SseWriter(Stream body)
{
    public Task RetryAsync(TimeSpan after, CancellationToken ct) => WriteAsync($"retry: {(long)after.TotalMilliseconds}\n\n", ct);

    public Task FrameAsync(string id, string eventName, object data, CancellationToken ct) =>
        WriteAsync($"id: {id}\nevent: {eventName}\ndata: {JsonSerializer.Serialize(data, data.GetType(), HttpApi.StreamJson)}\n\n", ct);

    public Task CommentAsync(string text, CancellationToken ct) => WriteAsync($": {text}\n\n", ct);

    public Task FlushAsync(CancellationToken ct) => body.FlushAsync(ct);

    private async Task WriteAsync(string text, CancellationToken ct) => await body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
}
