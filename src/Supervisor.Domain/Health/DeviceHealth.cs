namespace Supervisor.Domain.Health;

/// <summary>How a device stands, as the group's quorum counts it.</summary>
public enum DeviceHealth
{
    /// <summary>No fresh reading (never read, or the last success is older than <c>stale-after</c>).</summary>
    Unknown,
    /// <summary>On line and fresh.</summary>
    Healthy,
    /// <summary>On battery (or equivalent), but no trigger has fired yet.</summary>
    Degraded,
    /// <summary>A trigger fired or the device reports FSD: this device cannot keep its load up much longer.</summary>
    Critical,
}

/// <summary>Which rule made a device CRITICAL.</summary>
public enum TriggerKind
{
    LowBattery,
    Charge,
    Runtime,
    DepletionRate,
    TimeOnBattery,
    ForcedShutdown,
    /// <summary>The device went silent while it was last seen on battery (NUT upsmon treats this as critical too).</summary>
    CommsLostOnBattery,
    /// <summary>A plug or meter crossed its critical or dead wattage level.</summary>
    PowerThreshold,
}

/// <summary>A device's health with the human reason behind it (logged on every change).</summary>
public sealed record HealthAssessment(DeviceHealth Health, string Reason, IReadOnlyList<TriggerKind> Fired)
{
    public static HealthAssessment Initial { get; } = new(DeviceHealth.Unknown, "no reading yet", []);
}
