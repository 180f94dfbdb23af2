using Akka.Actor;
using Akka.Event;
using Supervisor.Actors.Devices;
using Supervisor.Actors.Groups;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Groups;
using Supervisor.Drivers;

namespace Supervisor.Actors.Supervision;

/// <summary>
/// Owns every device and group actor of the fleet on the node that runs the supervisor role (one per
/// cluster: it runs as a cluster singleton). A child that throws is restarted with its state recovered
/// from the journal; the process keeps running.
/// </summary>
public sealed class SupervisorRootActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SupervisorRootActor(SupervisorSettings settings, Func<DeviceSettings, IDeviceDriver> driverFactory, IActorRef agents, TimeProvider clock)
    {
        foreach (var device in settings.Devices)
            Context.ActorOf(DeviceActor.Props(device, driverFactory, clock), DeviceChildName(device.Id));
        foreach (var group in settings.Groups)
            Context.ActorOf(PersistentChild.Props(GroupActor.Props(group, GroupPolicy.From(group, settings.Devices), agents, clock), "group"),
                GroupChildName(group.Id));
        _log.Info("Supervisor: watching {0} device(s) in {1} group(s)", settings.Devices.Count, settings.Groups.Count);

    }

    public static Props Props(SupervisorSettings settings, Func<DeviceSettings, IDeviceDriver> driverFactory, IActorRef agents, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new SupervisorRootActor(settings, driverFactory, agents, clock ?? TimeProvider.System));

    public static string DeviceChildName(string id) => $"device-{Uri.EscapeDataString(id)}";
    public static string GroupChildName(string id) => $"group-{Uri.EscapeDataString(id)}";

    /// <summary>Restart any failed child (Akka logs the failure itself); the process keeps running.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: -1, withinTimeRange: Timeout.InfiniteTimeSpan, localOnlyDecider: _ => Directive.Restart);
}
