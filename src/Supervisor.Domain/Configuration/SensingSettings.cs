namespace Supervisor.Domain.Configuration;

/// <summary>How a non-UPS device's measurements translate into mains presence and criticality.</summary>
public abstract record SensingSettings;

/// <summary>Which way a wattage threshold points.</summary>
public enum ThresholdDirection
{
    /// <summary>Falling power is the alarm (default): a plug feeding a load that drops to ~0 W has lost mains.</summary>
    Below,
    /// <summary>Rising power is the alarm: an overloaded circuit or UPS.</summary>
    Above,
}

/// <summary>
/// Wattage levels of a plug (or meter): past <c>warning</c>/<c>alert</c> the device is DEGRADED, past
/// <c>critical</c> it is CRITICAL, past <c>dead</c> (below only) its outlet is taken to have lost mains — CRITICAL.
/// Any level may be null (off). With <see cref="ThresholdDirection.Below"/> the levels run warning ≥ alert ≥ critical ≥ dead.
/// </summary>
public sealed record PowerThresholds(ThresholdDirection Direction, double? WarningWatts, double? AlertWatts, double? CriticalWatts, double? DeadWatts) : SensingSettings;

/// <summary>What a power meter measures.</summary>
public enum MeterKind
{
    /// <summary>The main feed: voltage below <c>min-voltage</c> or frequency out of range means mains is gone.</summary>
    Main,
    /// <summary>A battery bank: its state of charge drives the charge triggers.</summary>
    Battery,
    /// <summary>Solar production: informational, never degrades the device.</summary>
    Solar,
    /// <summary>A UPS output: informational, plus charge when the meter reports one.</summary>
    Ups,
}

/// <summary>Meter semantics (<c>kind</c>, <c>min-voltage</c>, <c>min-frequency</c>, <c>max-frequency</c>).</summary>
public sealed record MeterSensing(MeterKind Kind, double? MinVoltage, double? MinFrequency, double? MaxFrequency) : SensingSettings;
