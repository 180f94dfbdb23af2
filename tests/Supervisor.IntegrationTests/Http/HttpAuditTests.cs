using System.Net;
using System.Net.Http.Json;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// Every mutation through the API is in the event log with who asked (key name, role, client address) and what, as
/// <c>GET /api/v1/events?kind=audit</c> shows it; a request that is refused (viewer 403) is not, since it changed nothing
/// and was never carried out.
/// </summary>
[Collection(nameof(HttpSteeringCollection))]
public sealed class HttpAuditTests(HttpSteeringNode api)
{
    private Task<HttpResponseMessage> Send(string? key, HttpMethod method, string path, object? body = null) =>
        HttpApiNode.SendAsync(api.Client(key), () => new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });

    /// <summary>The audit events stored so far, by kind, once every kind in <paramref name="expected"/> is there (the writer flushes in batches).</summary>
    internal static async Task<IReadOnlyList<JsonElement>> AuditEventsAsync(HttpApiNode api, string key, params string[] expected)
    {
        using var client = api.Client(key);
        return await HttpApiNode.Until(async () =>
        {
            using var response = await client.GetAsync("/api/v1/events?kind=audit&since=1h&limit=1000");
            if (response.StatusCode != HttpStatusCode.OK) return (IReadOnlyList<JsonElement>)[];
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("events").EnumerateArray().ToList();
        }, events => expected.All(k => events.Any(e => e.GetProperty("kind").GetString() == k)), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Every_mutation_should_be_an_audit_event_naming_the_key_role_and_client_when_an_operator_makes_it()
    {
        using (var start = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/maintenance/ups-b", new { @for = "1h", reason = "audit check" }))
            Assert.True(start.StatusCode == HttpStatusCode.OK, await start.Content.ReadAsStringAsync());
        using (var end = await Send(api.OperatorKey, HttpMethod.Delete, "/api/v1/maintenance/ups-b"))
            Assert.True(end.StatusCode == HttpStatusCode.OK, await end.Content.ReadAsStringAsync());
        // An ack of an alert that may not fire yet is refused (409), and is on record all the same: it was asked for.
        (await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/alerts/load-busy/ups-a/ack")).Dispose();
        using (var silence = await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/alerts/silences", new { target = "load-busy", @for = "1h" }))
            Assert.True(silence.StatusCode == HttpStatusCode.OK, await silence.Content.ReadAsStringAsync());
        using (var unsilence = await Send(api.OperatorKey, HttpMethod.Delete, "/api/v1/alerts/silences/load-busy"))
            Assert.True(unsilence.StatusCode == HttpStatusCode.OK, await unsilence.Content.ReadAsStringAsync());
        (await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/notifications/test")).Dispose(); // no channel here: 409, still asked for

        var events = await AuditEventsAsync(api, api.ViewerKey,
            "audit.maintenance-start", "audit.maintenance-end", "audit.alert-ack", "audit.alert-silence", "audit.alert-unsilence", "audit.notify-test");
        // Other tests on this node steer it too: this test's own start is the one with its reason.
        var maintenance = events.Single(e => e.GetProperty("kind").GetString() == "audit.maintenance-start" && e.GetProperty("message").GetString()!.Contains("audit check"));
        Assert.Equal("device ups-b", maintenance.GetProperty("subject").GetString());
        Assert.Equal("maintenance of ups-b for 1h (audit check) requested by API key test-operator (operator) from 127.0.0.1 via the HTTP API",
            maintenance.GetProperty("message").GetString());
        Assert.All(events, e => Assert.Contains("API key test-operator (operator) from 127.0.0.1", e.GetProperty("message").GetString()));
        Assert.All(events, e => Assert.DoesNotContain(api.OperatorKey, e.GetRawText()));
    }

    [Fact]
    public async Task A_viewers_refused_mutation_should_not_be_an_audit_event()
    {
        using (var viewer = await Send(api.ViewerKey, HttpMethod.Post, "/api/v1/alerts/silences", new { target = "viewer-was-here", @for = "1h" }))
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        // Refused by the alerts (no such rule or subject: 409) but asked for by an operator, so on record: the marker to wait for.
        (await Send(api.OperatorKey, HttpMethod.Post, "/api/v1/alerts/silences", new { target = "operator-after-viewer", @for = "1m" })).Dispose();
        var events = await HttpApiNode.Until(() => AuditEventsAsync(api, api.ViewerKey, "audit.alert-silence"),
            e => e.Any(x => x.GetProperty("message").GetString()!.Contains("operator-after-viewer")), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(events, e => e.GetProperty("message").GetString()!.Contains("viewer-was-here"));
    }
}
