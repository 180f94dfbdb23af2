using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;

namespace Supervisor.Node.Cli.Watch;

/// <summary>What the node's HTTP API refused or could not give, worded for the operator (no stack trace).</summary>
internal sealed class WatchUnavailableException(string message) : Exception(message);

/// <summary>
/// <c>watch</c>'s side of the node's HTTP API (docs/web.md): the live stream <c>GET /api/v1/stream</c> (Server-Sent
/// Events, resumed with Last-Event-ID), history for the chart's backfill and the latest saga's steps.
/// </summary>
internal sealed class WatchClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public WatchClient(Uri baseAddress, string? apiKey)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is { Length: > 0 }) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public readonly record struct Frame(string? Id, string Event, string Data)
    {
        public T As<T>() => JsonSerializer.Deserialize<T>(Data, Json)!;
    }

    /// <summary>Frames as they come, until the node closes the stream (then the caller resumes with the last id).</summary>
    public async IAsyncEnumerable<Frame> StreamAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string? id = null, name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) yield return new Frame(id, name ?? "message", string.Join('\n', data));
                (id, name) = (null, null);
                data.Clear();
                continue;
            }
            if (line.StartsWith(':')) continue; // keep-alive comment
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "id") id = value;
            else if (field == "event") name = value;
            else if (field == "data") data.Add(value);
        }
    }

    /// <summary>The chart's backfill: one metric of a device over the last <paramref name="span"/>; null with a reason when there is none.</summary>
    public async Task<(HistoryView? View, string? Why)> HistoryAsync(string device, string metric, TimeSpan span, int points, CancellationToken ct)
    {
        var since = $"{(long)span.TotalSeconds}s";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/history/{Uri.EscapeDataString(device)}?metric={Uri.EscapeDataString(metric)}&since={since}&points={points}");
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return (null, await ProblemDetail(response, ct) ?? "no history");
        await EnsureAnswered(response, ct);
        return (await response.Content.ReadFromJsonAsync<HistoryView>(Json, ct), null);
    }

    /// <summary>The stored events of the last <paramref name="span"/> (of <paramref name="group"/>, when given), oldest first; none when history is off.</summary>
    public async Task<IReadOnlyList<EventView>> RecentEventsAsync(string? group, TimeSpan span, CancellationToken ct)
    {
        var filter = group is null ? "" : $"&group={Uri.EscapeDataString(group)}";
        using var response = await _http.GetAsync($"api/v1/events?since={(long)span.TotalSeconds}s&limit=2000{filter}", ct);
        if (!response.IsSuccessStatusCode) return [];
        return (await response.Content.ReadFromJsonAsync<EventsView>(Json, ct))?.Events ?? [];
    }

    /// <summary>The newest saga (of <paramref name="group"/>, when given) with its steps; null when there is none.</summary>
    public async Task<SagaDetailView?> LatestSagaAsync(string? group, CancellationToken ct)
    {
        using var list = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/sagas"), HttpCompletionOption.ResponseContentRead, ct);
        var sagas = await list.Content.ReadFromJsonAsync<List<SagaView>>(Json, ct) ?? [];
        var latest = sagas.Where(x => group is null || x.GroupId == group).OrderBy(x => x.StartedAt).LastOrDefault();
        if (latest is null) return null;
        using var detail = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/v1/sagas/{Uri.EscapeDataString(latest.SagaId)}"), HttpCompletionOption.ResponseContentRead, ct);
        return await detail.Content.ReadFromJsonAsync<SagaDetailView>(Json, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException e)
        {
            throw new WatchUnavailableException($"no HTTP API answers at {BaseAddress} ({e.Message}). Is the node running with supervisor.http.enabled = on? " +
                                                "--node takes its HTTP listen address (supervisor.http.listen, the demo's is 127.0.0.1:8080).");
        }
        await EnsureAnswered(response, ct);
        return response;
    }

    private async Task EnsureAnswered(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var detail = await ProblemDetail(response, ct);
        response.Dispose();
        throw new WatchUnavailableException(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"the node at {BaseAddress} wants an API key: pass --api-key KEY or set {WatchCommand.ApiKeyVariable} " +
                                           "(`supervisor http new-key --name watch --role viewer` makes one; the demo's is demo-viewer-key)",
            HttpStatusCode.Forbidden => $"the node at {BaseAddress} refused this API key ({detail})",
            _ => $"the node at {BaseAddress} answered {(int)response.StatusCode}: {detail ?? response.ReasonPhrase}",
        });
    }

    private static async Task<string?> ProblemDetail(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
            return problem.TryGetProperty("detail", out var d) ? d.GetString() : problem.TryGetProperty("title", out var t) ? t.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>--node as a base address: host:port means http://host:port/; an http(s):// URL is taken as given.</summary>
    public static Uri? ParseNode(string node, out string? error)
    {
        error = null;
        var text = node.Contains("://", StringComparison.Ordinal) ? node : "http://" + node;
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Port > 0 && !string.IsNullOrEmpty(uri.Host))
            return uri;
        error = $"--node \"{node}\" is not an HTTP address: give host:port (the node's supervisor.http.listen, e.g. 127.0.0.1:8080) or an http(s):// URL";
        return null;
    }
}
