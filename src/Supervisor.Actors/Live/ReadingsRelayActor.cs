using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Supervisor.Domain.Events;
using Supervisor.Domain;
using Supervisor.Domain.Live;

namespace Supervisor.Actors.Live;

/// <summary>
/// Puts this node's samples (<see cref="DeviceSampled"/>, <see cref="GroupSampled"/>) on the DistributedPubSub topic
/// <see cref="ClusterNames.Topics.Readings"/>, but only while some node's live feed has viewers (it says so with
/// <see cref="LiveReadingsWanted"/>), and throttled per device by <see cref="SampleThrottle"/>. Samples otherwise stay on
/// the node that made them (design §11): with no dashboard open this costs one dictionary lookup per sample.
/// A consumer like the others: it never talks to a device or a group, and a full mailbox slows nothing of theirs.
/// </summary>
public sealed class ReadingsRelayActor : ReceiveActor, IWithTimers
{
    public const string Name = "readings-relay";

    /// <summary>How often a feed with viewers repeats <see cref="LiveReadingsWanted"/>; the relay stops 3 of these after the last.</summary>
    public static readonly TimeSpan WantedEvery = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan WantedFor = WantedEvery * 3;
    private readonly IActorRef _mediator;
    private readonly TimeProvider _clock;
    private readonly SampleThrottle _throttle = new(TimeSpan.FromSeconds(1));
    private DateTimeOffset _wantedUntil = DateTimeOffset.MinValue;

    public ITimerScheduler Timers { get; set; } = null!;

    public ReadingsRelayActor(IActorRef mediator, TimeProvider clock)
    {
        _mediator = mediator;
        _clock = clock;
        Receive<DeviceSampled>(s =>
        {
            if (Wanted && _throttle.Admit(s.DeviceId, s.Health, s.At)) _mediator.Tell(new Publish(ClusterNames.Topics.Readings, s));
        });
        Receive<GroupSampled>(s =>
        {
            if (Wanted) _mediator.Tell(new Publish(ClusterNames.Topics.Readings, s)); // published on change only: few
        });
        Receive<LiveReadingsWanted>(_ =>
        {
            if (!Wanted) _throttle.Reset(); // a new viewer after a quiet spell gets every device's next sample
            _wantedUntil = _clock.GetUtcNow() + WantedFor;
        });
        Receive<SubscribeAck>(_ => { });
    }

    private bool Wanted => _clock.GetUtcNow() < _wantedUntil;

    public static Props Props(IActorRef mediator, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new ReadingsRelayActor(mediator, clock ?? TimeProvider.System));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DeviceSampled));
        Context.System.EventStream.Subscribe(Self, typeof(GroupSampled));
        _mediator.Tell(new Subscribe(ClusterNames.Topics.LiveReadingsWanted, Self));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
