using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Events;

/// <summary>
/// Tells the power story of every device polled on this node in NUT's words (ONBATT, ONLINE, LOWBATT, COMMBAD, NOCOMM, …):
/// folds the local <see cref="DeviceSampled"/> facts through <see cref="PowerEventRules"/> and publishes each
/// <see cref="PowerEventRaised"/> on the event stream, where the fact bridge, the history store and the notifier take it.
/// A consumer like the others (design §11): it never talks to a device actor, and its state is a cache: after a restart
/// or a fail-over the first sample of a device that is still on battery says ONBATT again, and the notifier's outbox
/// knows that condition was reported already.
/// </summary>
public sealed class PowerEventsActor : ReceiveActor, IWithTimers
{
    public const string Name = "power-events";
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private readonly PowerEventSettings _settings;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, DevicePowerState> _devices = new(StringComparer.Ordinal);

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Check
    {
        public static Check Instance { get; } = new();
    }

    public PowerEventsActor(PowerEventSettings settings, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
        Receive<DeviceSampled>(OnSample);
        Receive<Check>(_ => OnCheck());
    }

    public static Props Props(PowerEventSettings settings, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new PowerEventsActor(settings, clock ?? TimeProvider.System));

    protected override void PreStart() => Timers.StartPeriodicTimer("check", Check.Instance, CheckEvery);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnSample(DeviceSampled sample)
    {
        var state = _devices.TryGetValue(sample.DeviceId, out var known) ? known : DevicePowerState.Initial;
        Publish(sample.DeviceId, PowerEventRules.Decide(state, sample, _settings));
    }

    /// <summary>A device actor that went quiet (crashed, stopped) still gets its NOCOMM.</summary>
    private void OnCheck()
    {
        var now = _clock.GetUtcNow();
        foreach (var (device, state) in _devices.ToList()) Publish(device, PowerEventRules.Check(state, device, now, _settings));
    }

    private void Publish(string device, PowerStep step)
    {
        _devices[device] = step.Next;
        foreach (var e in step.Events) Context.System.EventStream.Publish(e);
    }
}

/// <summary>Starts the power-event teller on nodes that poll devices.</summary>
public static class PowerEventsHosting
{
    /// <summary>
    /// Starts <see cref="PowerEventsActor"/> at <c>/user/power-events</c>, subscribed to this node's samples before any device
    /// publishes one, and registers it under <see cref="PowerEventsActor"/>. Call it on supervisor nodes, after the fact bridge.
    /// </summary>
    public static AkkaConfigurationBuilder WithPowerEvents(this AkkaConfigurationBuilder builder, PowerEventSettings settings, TimeProvider? clock = null) =>
        builder.WithActors((system, registry) =>
        {
            var actor = system.ActorOf(PowerEventsActor.Props(settings, clock), PowerEventsActor.Name);
            system.EventStream.Subscribe(actor, typeof(DeviceSampled));
            registry.Register<PowerEventsActor>(actor);
        });
}
