using System.Collections.Immutable;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>
/// A reading after sensing: on-line / on-battery decided from the measurements, extra triggers that fire,
/// and why the device is degraded or unknown without being on battery.
/// </summary>
internal sealed record SensedReading(Reading Reading, IReadOnlyList<FiringTrigger> Firing, string? Degraded, string? Unknown);

/// <summary>
/// Turns a plug's or meter's measurements into mains presence, per its <see cref="SensingSettings"/>. A UPS
/// (no sensing settings) reports OL/OB itself and passes through unchanged.
/// </summary>
internal static class Sensing
{
    public static SensedReading Interpret(Reading r, DeviceSettings settings) => settings.Sensing switch
    {
        PowerThresholds t => Thresholds(r, t),
        MeterSensing m => Meter(r, m, settings.Triggers),
        _ => new(r, [], null, null),
    };

    private static SensedReading Thresholds(Reading r, PowerThresholds t)
    {
        if (r.RelayOn == false)
            return new(r, [], null, "relay is off, so its power says nothing about mains; switch it on or drop the thresholds");
        if (r.PowerWatts is not { } p)
            return new(r, [], null, "no power measurement to compare with the wattage thresholds");

        var w = HealthText.Number(p);
        if (t.Direction == ThresholdDirection.Below)
        {
            if (t.DeadWatts is { } dead && p <= dead)
                return OnBattery(r, $"{w}W ≤ dead {HealthText.Number(dead)}W", new(TriggerKind.PowerThreshold, $"power {w}W ≤ dead {HealthText.Number(dead)}W: outlet lost mains"));
            if (t.CriticalWatts is { } critical && p <= critical)
                return OnBattery(r, $"{w}W ≤ critical {HealthText.Number(critical)}W", new(TriggerKind.PowerThreshold, $"power {w}W ≤ critical {HealthText.Number(critical)}W"));
            if (t.AlertWatts is { } alert && p <= alert)
                return OnBattery(r, $"{w}W ≤ alert {HealthText.Number(alert)}W", null);
            if (t.WarningWatts is { } warning && p <= warning)
                return OnBattery(r, $"{w}W ≤ warning {HealthText.Number(warning)}W", null);
            return OnLine(r, $"{w}W");
        }

        if (t.CriticalWatts is { } over && p >= over)
            return new(OnLineReading(r, $"{w}W"), [new(TriggerKind.PowerThreshold, $"power {w}W ≥ critical {HealthText.Number(over)}W")], null, null);
        if (t.AlertWatts is { } alertOver && p >= alertOver)
            return new(OnLineReading(r, $"{w}W"), [], $"power {w}W ≥ alert {HealthText.Number(alertOver)}W", null);
        if (t.WarningWatts is { } warnOver && p >= warnOver)
            return new(OnLineReading(r, $"{w}W"), [], $"power {w}W ≥ warning {HealthText.Number(warnOver)}W", null);
        return OnLine(r, $"{w}W");
    }

    private static SensedReading Meter(Reading r, MeterSensing m, TriggerSettings triggers)
    {
        switch (m.Kind)
        {
            case MeterKind.Main:
                if (r.InputVoltage is null && r.FrequencyHz is null)
                    return new(r, [], null, "meter reports neither voltage nor frequency");
                if (m.MinVoltage is { } min && r.InputVoltage is { } v && v < min)
                    return OnBattery(r, $"mains {HealthText.Number(v)}V < min {HealthText.Number(min)}V", null);
                if (r.FrequencyHz is { } f && (f < m.MinFrequency || f > m.MaxFrequency))
                    return OnBattery(r, $"mains {HealthText.Number(f)}Hz outside {HealthText.Number(m.MinFrequency ?? 0)}–{HealthText.Number(m.MaxFrequency ?? double.PositiveInfinity)}Hz", null);
                return OnLine(r, $"mains {HealthText.Number(r.InputVoltage ?? 0)}V");
            case MeterKind.Battery or MeterKind.Ups:
                // A battery bank is judged by its state of charge whether or not anything is "on battery".
                if (triggers.ChargePercent is { } limit && r.ChargePercent is { } soc && soc <= limit)
                    return new(OnLineReading(r, $"charge {HealthText.Percent(soc)}"),
                        [new(TriggerKind.Charge, $"state of charge {HealthText.Percent(soc)} ≤ {HealthText.Percent(limit)}")], null, null);
                return OnLine(r, r.ChargePercent is { } c ? $"charge {HealthText.Percent(c)}" : "no charge reported");
            default:
                return OnLine(r, "informational");
        }
    }

    private static SensedReading OnBattery(Reading r, string status, FiringTrigger? firing) =>
        new(r with { OnLine = false, OnBattery = true, RawStatus = status }, firing is null ? [] : [firing], null, null);

    private static SensedReading OnLine(Reading r, string status) => new(OnLineReading(r, status), [], null, null);

    private static Reading OnLineReading(Reading r, string status) => r with { OnLine = true, OnBattery = false, RawStatus = status };
}
