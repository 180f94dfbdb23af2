namespace Supervisor.History.Tests.Support;

/// <summary>Facts as the actors publish them, with just the fields a test cares about.</summary>
public static class Facts
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    public static DeviceSampled Device(string id, DateTimeOffset at, double? charge = null, double? power = null, double? energy = null,
        bool onBattery = false, double? load = null, DeviceHealth health = DeviceHealth.Healthy) =>
        new(id, "simulated", new Reading(id, at, !onBattery, onBattery, false, false, charge, null, load, null, power, onBattery ? "OB" : "OL") { EnergyKwh = energy },
            health, "test", null, at);

    /// <summary>A failed poll: two rows (health, poll-failed), the cheapest sample to write many of.</summary>
    public static DeviceSampled Failed(string id, DateTimeOffset at) => new(id, "simulated", null, DeviceHealth.Unknown, "stale", "refused", at);

    public static ConfigWarningRaised Warning(string path, DateTimeOffset at) => new("node-1", path, "check it", at);

    public static SagaProgressed Saga(string sagaId, string group, long seq, DateTimeOffset at, EventSeverity level = EventSeverity.Info) =>
        new(sagaId, group, seq, "step-dispatched", level, $"Saga {sagaId}: step {seq}", $"1.{seq}", "hv-1", "stop-vms", 1, at);

    public static DeviceHealthChanged Health(string device, DeviceHealth to, DateTimeOffset at) =>
        new(device, DeviceHealth.Healthy, to, "test", null, at);
}
