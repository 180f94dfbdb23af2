namespace Supervisor.Domain.Configuration;

/// <summary>
/// When a device becomes CRITICAL. Every trigger can be turned off (null / false).
/// Charge, runtime, depletion and time-on-battery only count while the device is on battery:
/// a low charge while charging on mains after an outage is not a reason to shut down.
/// Each field's HOCON key, reading, range check and group override are in its trigger's rule file in
/// <c>Domain/Health/Triggers/</c> (listed in <see cref="Health.Triggers.TriggerDefinitions"/>).
/// </summary>
/// <param name="LowBattery">Honour the device's own LB flag (<c>low-battery</c>).</param>
/// <param name="LowBatteryGuardPercent">Ignore LB while charge is above this unless also on battery (<c>low-battery-guard</c>; known false positive of some UPSes).</param>
/// <param name="ChargePercent">Critical when charge ≤ this on battery (<c>charge</c>).</param>
/// <param name="Runtime">Critical when runtime ≤ this on battery (<c>runtime</c>).</param>
/// <param name="Depletion">Critical when the battery drains faster than a rate (<c>depletion { … }</c>).</param>
/// <param name="OnBattery">Critical after this long on battery (<c>on-battery</c>).</param>
/// <param name="ForcedShutdown">FSD from the device makes it critical at once (<c>fsd</c>).</param>
public sealed record TriggerSettings(
    bool LowBattery,
    double LowBatteryGuardPercent,
    double? ChargePercent,
    TimeSpan? Runtime,
    DepletionSettings? Depletion,
    TimeSpan? OnBattery,
    bool ForcedShutdown)
{
    /// <summary>
    /// The charge and runtime triggers are held back for this long after the transfer to battery
    /// (<c>on-battery-delay</c>): right after a transfer a UPS recalculates, and its charge and runtime figures jump
    /// before they settle. FSD, LB, time on battery and depletion (which has its own grace) are not held back.
    /// Counted from the start of the on-battery episode, so flapping cannot restart it. Zero (the value for settings
    /// built in code) holds nothing back; the configuration default is <see cref="DefaultOnBatteryDelay"/>.
    /// </summary>
    public TimeSpan OnBatteryDelay { get; init; }

    /// <summary>30 s, as in Eneru (<c>on_battery_stabilization_delay</c>): long enough for the figures to settle, and short
    /// next to the 600 s runtime trigger it guards. The UPS's own LB flag still acts at once.</summary>
    public static readonly TimeSpan DefaultOnBatteryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Field defaults (see docs/configuration.md).</summary>
    public static TriggerSettings Defaults { get; } = new(
        LowBattery: true,
        LowBatteryGuardPercent: 50,
        ChargePercent: 20,
        Runtime: TimeSpan.FromSeconds(600),
        Depletion: DepletionSettings.Defaults,
        OnBattery: TimeSpan.FromSeconds(900),
        ForcedShutdown: true)
    {
        OnBatteryDelay = DefaultOnBatteryDelay,
    };
}

/// <summary>Depletion-rate trigger: charge falling by at least <paramref name="PercentPerMinute"/> over <paramref name="Window"/>,
/// not evaluated during the first <paramref name="Grace"/> on battery (charge readings jump right after a transfer).</summary>
public sealed record DepletionSettings(double PercentPerMinute, TimeSpan Window, TimeSpan Grace)
{
    public static DepletionSettings Defaults { get; } = new(15, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(90));
}
