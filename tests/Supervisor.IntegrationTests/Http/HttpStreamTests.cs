using System.Net;
using Supervisor.Domain.Http;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// <c>GET /api/v1/stream</c> on a real node whose demo outage starts 8 s after start-up: a viewer connected before it sees
/// the snapshot first, then the outage unfold as device and event frames; a viewer coming back with Last-Event-ID gets
/// what it missed and no snapshot; one with an id the node never gave gets a snapshot again.
/// </summary>
[Collection(nameof(StreamApiCollection))]
public sealed class HttpStreamTests(StreamApiNode api)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Stream_should_start_with_a_snapshot_show_the_outage_unfold_and_resume_from_Last_Event_ID()
    {
        string lastId;
        await using (var stream = await SseClient.OpenAsync(api.Client(api.ViewerKey), "/api/v1/stream"))
        {
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
            var snapshot = await stream.NextAsync(Wait);
            Assert.Equal("snapshot", snapshot.Event);
            Assert.Equal(["ups-a", "ups-b"], snapshot.Json.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToArray());

            var seen = new List<SseFrame>();
            var onBattery = await stream.UntilAsync(f => f.Event == "device" && f.Json.GetProperty("id").GetString() == "ups-a"
                                                         && f.Json.GetProperty("onBattery").ValueKind == JsonValueKind.True, Wait, seen);
            Assert.Equal("DEGRADED", onBattery.Json.GetProperty("health").GetString());
            var told = await stream.UntilAsync(f => f.Event == "event" && f.Json.GetProperty("subject").GetString() == "device ups-a", Wait, seen);
            Assert.False(string.IsNullOrEmpty(told.Json.GetProperty("message").GetString()));
            static bool RackA(SseFrame f) => f.Event == "group" && f.Json.GetProperty("id").GetString() == "rack-a";
            if (!seen.Any(RackA)) await stream.UntilAsync(RackA, Wait, seen); // the quorum changes with ups-a's health, a moment apart
            Assert.All(seen, f => Assert.NotNull(f.Id));
            lastId = seen[^1].Id!;
        }

        await using (var back = await SseClient.OpenAsync(api.Client(api.ViewerKey), "/api/v1/stream", lastEventId: lastId))
        {
            var first = await back.NextAsync(Wait);
            Assert.NotEqual("snapshot", first.Event); // resumed: only what it missed and what came after
            Assert.True(Sequence(first.Id!) > Sequence(lastId), $"{first.Id} after {lastId}");
            Assert.Equal(Epoch(lastId), Epoch(first.Id!));
        }

        await using (var stranger = await SseClient.OpenAsync(api.Client(api.ViewerKey), "/api/v1/stream", lastEventId: "another-node.42"))
            Assert.Equal("snapshot", (await stranger.NextAsync(Wait)).Event);
    }

    [Fact]
    public async Task Stream_should_answer_401_without_a_key()
    {
        using var response = await api.Client().GetAsync("/api/v1/stream");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static long Sequence(string id) => long.Parse(id[(id.LastIndexOf('.') + 1)..]);

    private static string Epoch(string id) => id[..id.LastIndexOf('.')];
}

/// <summary>A node of its own for the stream tests: the demo outage 8 s after start, so a viewer connects before it.</summary>
public sealed class StreamApiNode : HttpApiNode
{
    protected override string ExtraConfig => $$"""
        supervisor.devices.ups-a { outage-at = 8s, triggers.on-battery = 3s }
        supervisor.http.api-keys.test-viewer { hash = "{{ApiKeyHash.Of(ViewerKey)}}", role = viewer }
        """;
}

[CollectionDefinition(nameof(StreamApiCollection))]
public sealed class StreamApiCollection : ICollectionFixture<StreamApiNode>;

/// <summary>A node stopping while a viewer's stream is open ends the stream and stops (ASP.NET's RequestAborted does not fire on stop).</summary>
public sealed class HttpStreamShutdownTests
{
    [Fact]
    public async Task Stopping_the_node_should_end_an_open_stream_instead_of_waiting_for_the_viewer()
    {
        var api = new StreamApiNode();
        await api.InitializeAsync();
        await using var stream = await SseClient.OpenAsync(api.Client(api.ViewerKey), "/api/v1/stream");
        Assert.Equal("snapshot", (await stream.NextAsync(TimeSpan.FromSeconds(30))).Event);

        var stopping = api.DisposeAsync();
        // Without the stop token linked in, Kestrel waits its 30 s shutdown timeout for the open response.
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(20))));
        await stopping;
        await Assert.ThrowsAnyAsync<Exception>(() => stream.UntilAsync(_ => false, TimeSpan.FromSeconds(10))); // the stream ended
    }
}
