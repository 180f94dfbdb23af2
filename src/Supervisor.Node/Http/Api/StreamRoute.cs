using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Supervisor.Actors.Live;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// <c>GET /api/v1/stream</c>: the live feed as Server-Sent Events (design §11). The first frame is <c>snapshot</c> (what
/// <c>GET /api/v1/status</c> answers), then <c>device</c>, <c>group</c> and <c>event</c> frames as they happen, each with an
/// <c>id</c>. A client that reconnects with <c>Last-Event-ID</c> (EventSource does it by itself) gets exactly the frames it
/// missed and no snapshot, or a fresh snapshot when they cannot be given (the node restarted, another node answers
/// after a fail-over, or it was away too long). A comment line every 15 s keeps proxies from closing a quiet stream.
/// A client that reads slower than the fleet changes is disconnected (it reconnects and resumes), never waited for.
/// </summary>
internal static class StreamRoute
{
    public const string Path = "/stream";
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void Map(RouteGroupBuilder api, IActorRef liveFeed) =>
        api.MapGet(Path, async (HttpContext http, InspectorGateway inspector, IHostApplicationLifetime lifetime, CancellationToken requestAborted) =>
            {
                // RequestAborted does not fire when the server stops: an open stream would hold StopAsync for 30 s.
                using var ct = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
                return await StreamAsync(http, liveFeed, inspector, ct.Token);
            })
            .WithSummary("The live feed as Server-Sent Events: a `snapshot` frame (as /status), then `device`, `group` and `event` frames; resumable with Last-Event-ID.")
            .Produces(200, contentType: "text/event-stream").ProducesProblem(401).ProducesProblem(503).ProducesProblem(504);

    private static async Task<IResult> StreamAsync(HttpContext http, IActorRef liveFeed, InspectorGateway inspector, CancellationToken ct)
    {
        var channel = LiveFeedActor.NewViewerChannel();
        var lastEventId = http.Request.Headers["Last-Event-ID"].FirstOrDefault();
        var subscribed = await liveFeed.Ask<LiveSubscribed>(new LiveSubscribe(lastEventId, channel.Writer), InspectorGateway.Timeout, ct);
        try
        {
            StatusView? snapshot = null;
            if (subscribed.Replay is null)
            {
                // Before any byte is written, so a node that cannot answer is a plain 503 the client can read.
                var answer = await inspector.Answer<StatusView>(StatusRequest.Instance, view => { snapshot = view; return Results.Empty; }, ct);
                if (snapshot is null) return answer;
            }
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass frames on as they come
            var sse = new SseWriter(http.Response.Body);
            await sse.RetryAsync(TimeSpan.FromSeconds(2), ct);
            if (snapshot is not null) await sse.FrameAsync(subscribed.LastId, "snapshot", snapshot, ct);
            foreach (var (id, frame) in subscribed.Replay ?? []) await sse.FrameAsync(id, frame.Event, frame.Data, ct);
            await sse.FlushAsync(ct);
            await PumpAsync(channel.Reader, sse, ct);
            return Results.Empty;
        }
        finally
        {
            liveFeed.Tell(new LiveUnsubscribe(channel.Writer));
        }
    }

    /// <summary>Frames as they come; a keep-alive comment after 15 s of quiet. Ends when the client goes or the feed drops it.</summary>
    private static async Task PumpAsync(System.Threading.Channels.ChannelReader<(string Id, LiveFrame Frame)> frames, SseWriter sse, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
                quiet.CancelAfter(KeepAlive);
                bool more;
                try
                {
                    more = await frames.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await sse.CommentAsync("keep-alive", ct);
                    continue;
                }
                if (!more) return; // the feed stopped (node shutting down)
                while (frames.TryRead(out var f)) await sse.FrameAsync(f.Id, f.Frame.Event, f.Frame.Data, ct);
                await sse.FlushAsync(ct);
            }
        }
        catch (LiveFeedOverflow) { /* dropped for falling behind: the client reconnects with Last-Event-ID */ }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { /* the client went */ }
        catch (IOException) { /* the client went mid-write */ }
    }
}
