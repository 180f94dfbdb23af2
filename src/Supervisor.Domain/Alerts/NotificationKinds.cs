namespace Supervisor.Domain.Alerts;

/// <summary>
/// The <see cref="Notifications.Notification.Kind"/>s that differ from their event's <see cref="Events.FleetEvent.Kind"/>:
/// power events use NUT's names (<see cref="PowerEventKinds.Name"/>), a group's state change is split into what a
/// person cares about, and a coalesced outage has its own kind. Every other notification keeps its event's kind.
/// </summary>
public static class NotificationKinds
{
    /// <summary>A group lost quorum (its shutdown saga starts).</summary>
    public const string QuorumLost = "group.quorum-lost";

    /// <summary>A group holds quorum again after losing it (or after its shutdown completed or was aborted).</summary>
    public const string QuorumRestored = "group.quorum-restored";

    /// <summary>Any other group state change (DEGRADED, ShutdownComplete, …).</summary>
    public const string GroupStateChanged = "group.state-changed";

    /// <summary>ONBATT and ONLINE within the coalescing window, told as one (<see cref="BlipCoalescer"/>).</summary>
    public const string PowerBlip = "power.blip";

    public static readonly string OnBattery = PowerEventKinds.Name(PowerEventKind.OnBattery);
    public static readonly string Online = PowerEventKinds.Name(PowerEventKind.Online);
    public static readonly string NoComm = PowerEventKinds.Name(PowerEventKind.NoComm);
}

/// <summary>The <see cref="Notifications.Notification.Fields"/> names every producer and consumer agrees on.</summary>
public static class NotificationFields
{
    public const string Device = "device";
    public const string Group = "group";
    public const string Saga = "saga";
    public const string Step = "step";
    public const string Host = "host";
    public const string Charge = "charge";
    public const string Runtime = "runtime";
    public const string Load = "load";
    public const string InputVoltage = "input-voltage";
    /// <summary>"true" / "false": the device was (last seen) on battery. NOCOMM with "true" can never be muted.</summary>
    public const string OnBattery = "on-battery";
    /// <summary>Seconds the story lasted (on battery for ONLINE and a blip, without comms for COMMOK).</summary>
    public const string ForSeconds = "for-seconds";
}
