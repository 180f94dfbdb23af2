using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Supervisor.Domain.Events;
using Supervisor.Domain;
using Supervisor.Domain.Live;
using Supervisor.Actors.Inspection;

namespace Supervisor.Actors.Live;

/// <summary>
/// The live feed of a node with the HTTP API (design §11's LiveFeed): every device sample and group quorum of the
/// cluster (from the <see cref="ClusterNames.Topics.Readings"/> topic, fed by each node's <see cref="ReadingsRelayActor"/>
/// while this feed has viewers) and every event (the local event stream holds the cluster's, through the fact bridge),
/// as frames with resumable ids (<see cref="LiveFeedBuffer{T}"/>) fanned out to each viewer's bounded channel. A viewer
/// that cannot keep up is dropped, never waited for. Its state is a cache: after a restart viewers start from a snapshot.
/// </summary>
public sealed class LiveFeedActor : ReceiveActor, IWithTimers
{
    public const string Name = "live-feed";

    /// <summary>Frames a returning viewer can catch up on (a minute or so of a small fleet's samples).</summary>
    public const int BufferFrames = 2000;

    /// <summary>Frames a viewer may fall behind before it is dropped.</summary>
    public const int ViewerFrames = 1000;

    private readonly IActorRef _mediator;
    private readonly LiveFeedBuffer<LiveFrame> _buffer = new(Guid.NewGuid().ToString("N")[..8], BufferFrames);
    private readonly HashSet<ChannelWriter<(string, LiveFrame)>> _viewers = [];
    // The last good reading of each device, so a failed poll's frame still shows the figures status would show.
    private readonly Dictionary<string, Domain.Readings.Reading> _lastReading = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record AskForReadings
    {
        public static AskForReadings Instance { get; } = new();
    }

    public LiveFeedActor(IActorRef mediator)
    {
        _mediator = mediator;
        Receive<LiveSubscribe>(OnSubscribe);
        Receive<LiveUnsubscribe>(u => _viewers.Remove(u.Writer));
        Receive<DeviceSampled>(s => Send(new LiveFrame("device", View(s))));
        Receive<GroupSampled>(g => Send(new LiveFrame("group", new LiveGroupView(g.GroupId, g.State.ToString().ToUpperInvariant(), g.Healthy, g.MinHealthy, g.Members, g.RuntimeSeconds, g.At))));
        Receive<FleetEvent>(e => Send(new LiveFrame("event", new EventView(e.Id, e.At, e.Kind, e.Severity.ToString(), e.Subject.ToString(), e.Message))));
        Receive<AskForReadings>(_ =>
        {
            if (_viewers.Count == 0) Timers.Cancel(AskForReadings.Instance);
            else _mediator.Tell(new Publish(ClusterNames.Topics.LiveReadingsWanted, LiveReadingsWanted.Instance));
        });
        Receive<SubscribeAck>(_ => { });
    }

    public static Props Props(IActorRef mediator) => Akka.Actor.Props.Create(() => new LiveFeedActor(mediator));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(FleetEvent));
        _mediator.Tell(new Subscribe(ClusterNames.Topics.Readings, Self));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        foreach (var viewer in _viewers) viewer.TryComplete();
    }

    private void OnSubscribe(LiveSubscribe s)
    {
        Sender.Tell(new LiveSubscribed(_buffer.LastId, _buffer.After(s.LastEventId)));
        _viewers.Add(s.Writer);
        if (_viewers.Count == 1)
        {
            Self.Tell(AskForReadings.Instance); // at once: the first viewer should not wait a period for the devices
            Timers.StartPeriodicTimer(AskForReadings.Instance, AskForReadings.Instance, ReadingsRelayActor.WantedEvery);
        }
    }

    private void Send(LiveFrame frame)
    {
        var id = _buffer.Append(frame);
        List<ChannelWriter<(string, LiveFrame)>>? behind = null;
        foreach (var viewer in _viewers)
            if (!viewer.TryWrite((id, frame))) (behind ??= []).Add(viewer);
        if (behind is null) return;
        foreach (var viewer in behind)
        {
            _viewers.Remove(viewer);
            viewer.TryComplete(new LiveFeedOverflow(ViewerFrames));
        }
        _log.Info("Live feed: dropped {0} viewer(s) that fell {1} frames behind; they reconnect and resume", behind.Count, ViewerFrames);
    }

    private DeviceView View(DeviceSampled s)
    {
        if (s.Reading is { } fresh) _lastReading[s.DeviceId] = fresh;
        return DeviceView.Of(s.DeviceId, s.Driver, s.Health, s.HealthReason, s.Reading ?? _lastReading.GetValueOrDefault(s.DeviceId));
    }

    /// <summary>A bounded channel for one viewer, sized as the feed drops it.</summary>
    public static Channel<(string Id, LiveFrame Frame)> NewViewerChannel() =>
        Channel.CreateBounded<(string, LiveFrame)>(new BoundedChannelOptions(ViewerFrames) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
}
