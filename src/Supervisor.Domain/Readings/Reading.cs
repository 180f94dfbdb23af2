namespace Supervisor.Domain.Readings;

/// <summary>
/// One successful poll of one device, normalised across protocols. Drivers build it; health rules read it.
/// Every measurement is optional because no protocol reports all of them (a plug has no charge, a UPS may
/// not report watts).
/// </summary>
/// <param name="DeviceId">Configured device id (the key under <c>supervisor.devices</c>).</param>
/// <param name="Time">When the reading was taken (driver clock).</param>
/// <param name="OnLine">Mains present (NUT <c>OL</c>).</param>
/// <param name="OnBattery">Running from battery (NUT <c>OB</c>, plug below its warning watts, main meter under voltage).</param>
/// <param name="LowBattery">The device itself says its battery is low (NUT <c>LB</c>).</param>
/// <param name="ForcedShutdown">The device (or its primary) demands a shutdown now (NUT <c>FSD</c>).</param>
/// <param name="ChargePercent">Battery charge, 0–100.</param>
/// <param name="RuntimeSeconds">Remaining runtime on battery as the device estimates it.</param>
/// <param name="LoadPercent">Output load, percent of capacity.</param>
/// <param name="InputVoltage">Mains input voltage.</param>
/// <param name="PowerWatts">Real power drawn, watts.</param>
/// <param name="RawStatus">The device's own status text (e.g. NUT <c>ups.status</c> "OB LB"), for logs.</param>
public sealed record Reading(
    string DeviceId,
    DateTimeOffset Time,
    bool OnLine,
    bool OnBattery,
    bool LowBattery,
    bool ForcedShutdown,
    double? ChargePercent,
    double? RuntimeSeconds,
    double? LoadPercent,
    double? InputVoltage,
    double? PowerWatts,
    string RawStatus)
{
    /// <summary>Current drawn, amps (plugs, meters).</summary>
    public double? CurrentAmps { get; init; }

    /// <summary>Mains frequency, Hz (meters).</summary>
    public double? FrequencyHz { get; init; }

    /// <summary>The device's energy counter, kWh (plugs, meters).</summary>
    public double? EnergyKwh { get; init; }

    /// <summary>Relay (outlet switch) state of a smart plug; null when the device has none.</summary>
    public bool? RelayOn { get; init; }

    /// <summary>True when <see cref="RuntimeSeconds"/> was estimated by Supervisor rather than reported by the device.</summary>
    public bool RuntimeEstimated { get; init; }

    /// <summary>
    /// True when only the status flags (and <see cref="Time"/>, <see cref="RawStatus"/>) are new: a status watch saw the
    /// status change between full polls, and the measurements are the last full poll's, carried over until the full
    /// poll it triggers answers. Health judges the flags at once but takes no depletion sample from it.
    /// </summary>
    public bool StatusOnly { get; init; }
}
