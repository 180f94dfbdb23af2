using System.Threading.Channels;
using Supervisor.Actors.Tests.Events;
using Supervisor.Actors.Live;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Tests.Live;

/// <summary>
/// Two real cluster nodes on loopback: B polls a device (its samples on B's local stream, a relay beside them), A serves
/// the live feed. A viewer on A sees B's samples (throttled) and the cluster's events as frames; with no viewer, B's
/// samples stay on B; a viewer that reads nothing is dropped; a returning viewer gets what it missed.
/// </summary>
public sealed class LiveFeedClusterTests(ITestOutputHelper output) : BridgedClusterTestKit(output)
{
    private IActorRef _feed = ActorRefs.Nobody;

    protected override Task StartActorsAsync()
    {
        B.ActorOf(ReadingsRelayActor.Props(DistributedPubSub.Get(B).Mediator), ReadingsRelayActor.Name);
        _feed = Sys.ActorOf(LiveFeedActor.Props(DistributedPubSub.Get(Sys).Mediator), LiveFeedActor.Name);
        return Task.CompletedTask;
    }

    private static DeviceSampled Sample(string device, DeviceHealth health, double charge) =>
        new(device, "nut", new Reading(device, DateTimeOffset.UtcNow, !(health == DeviceHealth.Degraded), health == DeviceHealth.Degraded, false, false, charge, 900, 30, 230, 120, health == DeviceHealth.Degraded ? "OB" : "OL"),
            health, health.ToString(), null, DateTimeOffset.UtcNow);

    private async Task<(Channel<(string Id, LiveFrame Frame)> Channel, LiveSubscribed Subscribed)> ViewerAsync(string? lastEventId = null)
    {
        var channel = LiveFeedActor.NewViewerChannel();
        return (channel, await _feed.Ask<LiveSubscribed>(new LiveSubscribe(lastEventId, channel.Writer), TimeSpan.FromSeconds(5)));
    }

    /// <summary>Publishes a sample on B every 100 ms until a device frame of <paramref name="device"/> reaches the viewer.</summary>
    private async Task<(string Id, DeviceView View)> DeviceFrameAsync(ChannelReader<(string Id, LiveFrame Frame)> viewer, string device, DeviceHealth health, double charge)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < until)
        {
            B.EventStream.Publish(Sample(device, health, charge));
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                while (await viewer.WaitToReadAsync(wait.Token))
                    while (viewer.TryRead(out var f))
                        if (f.Frame.Data is DeviceView d && d.Id == device && d.Health == health.ToString().ToUpperInvariant()) return (f.Id, d);
            }
            catch (OperationCanceledException) { }
        }
        throw new Xunit.Sdk.XunitException($"no device frame of {device} {health} within 15 s");
    }

    [Fact]
    public async Task A_viewer_should_see_another_nodes_samples_as_device_frames_and_the_clusters_events()
    {
        var (viewer, subscribed) = await ViewerAsync();
        Assert.Null(subscribed.Replay); // a new viewer starts from a snapshot

        var (_, view) = await DeviceFrameAsync(viewer.Reader, "ups-b", DeviceHealth.Degraded, 87);
        Assert.Equal((true, 87.0, "OB", "nut"), (view.OnBattery, view.ChargePercent, view.RawStatus, view.Driver));

        var e = new DeviceHealthChanged("ups-b", DeviceHealth.Healthy, DeviceHealth.Degraded, "on battery", null, DateTimeOffset.UtcNow);
        B.EventStream.Publish(e);
        await AwaitAssertAsync(() => Assert.Contains(Drain(viewer.Reader), f => f.Frame.Data is EventView ev && ev.Id == e.Id && ev.Subject == "device ups-b"),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Samples_should_stay_on_their_node_while_no_feed_has_viewers()
    {
        var onTopic = CreateTestProbe();
        DistributedPubSub.Get(Sys).Mediator.Tell(new Subscribe(ClusterNames.Topics.Readings, onTopic.Ref), onTopic.Ref);
        onTopic.ExpectMsg<SubscribeAck>();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the subscription gossiped to B
        for (var i = 0; i < 10; i++)
        {
            B.EventStream.Publish(Sample("ups-b", DeviceHealth.Healthy, 100));
            await Task.Delay(100);
        }
        onTopic.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_returning_viewer_should_get_exactly_the_frames_it_missed_and_one_that_fell_behind_is_dropped()
    {
        var (first, _) = await ViewerAsync();
        var (seenId, _) = await DeviceFrameAsync(first.Reader, "ups-b", DeviceHealth.Degraded, 80);
        _feed.Tell(new LiveUnsubscribe(first.Writer));

        var missed = new DeviceHealthChanged("ups-c", DeviceHealth.Healthy, DeviceHealth.Critical, "low battery", null, DateTimeOffset.UtcNow);
        Sys.EventStream.Publish(missed); // the feed's own node: straight onto its stream
        await AwaitAssertAsync(async () =>
        {
            var (_, back) = await ViewerAsync(seenId);
            Assert.NotNull(back.Replay);
            Assert.Contains(back.Replay!, f => f.Frame.Data is EventView ev && ev.Id == missed.Id);
            Assert.DoesNotContain(back.Replay!, f => f.Id == seenId);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        Assert.Null((await ViewerAsync("someone-else.12")).Subscribed.Replay); // another feed's id: snapshot

        var (slow, _) = await ViewerAsync(); // never reads
        for (var i = 0; i <= LiveFeedActor.ViewerFrames; i++)
            Sys.EventStream.Publish(new DeviceHealthChanged($"flood-{i}", DeviceHealth.Healthy, DeviceHealth.Degraded, "flood", null, DateTimeOffset.UtcNow));
        // A barrier: the flood went into the feed's mailbox before this ask, so the feed has handled all of it when it answers
        // (reading the channel before that would keep it from filling, and the viewer would never fall behind).
        await ViewerAsync();
        Assert.Equal(LiveFeedActor.ViewerFrames, slow.Reader.Count);
        // The viewer still gets what its channel holds, then the end: its stream closes and it reconnects with Last-Event-ID.
        var read = 0;
        var ended = await Assert.ThrowsAsync<LiveFeedOverflow>(async () =>
        {
            await foreach (var _ in slow.Reader.ReadAllAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token)) read++;
        });
        Assert.Equal(LiveFeedActor.ViewerFrames, read);
        Assert.Contains($"{LiveFeedActor.ViewerFrames} frames behind", ended.Message);
    }

    private static List<(string Id, LiveFrame Frame)> Drain(ChannelReader<(string Id, LiveFrame Frame)> reader)
    {
        var frames = new List<(string, LiveFrame)>();
        while (reader.TryRead(out var f)) frames.Add(f);
        return frames;
    }
}
