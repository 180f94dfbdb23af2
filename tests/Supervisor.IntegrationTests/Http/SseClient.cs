using System.Net.Http.Headers;

namespace Supervisor.IntegrationTests.Http;

/// <summary>One frame of a Server-Sent Events stream as a browser's EventSource would hand it over.</summary>
public sealed record SseFrame(string? Id, string Event, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>
/// A minimal EventSource for tests: opens <c>GET path</c> with the headers a browser sends (Accept, Last-Event-ID) and reads
/// frames as the WHATWG parsing rules say (fields up to a blank line; comment lines start with a colon).
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseClient> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseClient(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next frame (retry-only blocks and comments skipped), or a failure after <paramref name="within"/>.</summary>
    public async Task<SseFrame> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        string? id = null, name = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("the stream ended");
            if (line.Length == 0)
            {
                if (data.Count > 0) return new SseFrame(id, name ?? "message", string.Join('\n', data));
                id = null; name = null;
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    /// <summary>Frames until one matches, within <paramref name="within"/> in all; the frames read on the way are kept in <paramref name="seen"/>.</summary>
    public async Task<SseFrame> UntilAsync(Func<SseFrame, bool> match, TimeSpan within, List<SseFrame>? seen = null)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new Xunit.Sdk.XunitException($"no matching frame within {within.TotalSeconds}s; saw {seen?.Count} frames: " +
                string.Join(" | ", (seen ?? []).TakeLast(5).Select(f => $"{f.Event} {f.Data}")));
            var frame = await NextAsync(left);
            seen?.Add(frame);
            if (match(frame)) return frame;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
