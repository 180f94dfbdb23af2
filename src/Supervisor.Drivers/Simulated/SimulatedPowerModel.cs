using Supervisor.Domain.Configuration;

namespace Supervisor.Drivers.Simulated;

/// <summary>What a simulated UPS reports at one instant.</summary>
/// <param name="OnBattery">Mains absent: the load runs from battery.</param>
/// <param name="ChargePercent">Battery charge, 0–100.</param>
/// <param name="RuntimeSeconds">Remaining runtime the UPS would estimate at this charge.</param>
/// <param name="LowBattery">LB flag: on battery with charge at or below the configured low-battery level.</param>
internal sealed record SimulatedPowerState(bool OnBattery, double ChargePercent, double RuntimeSeconds, bool LowBattery);

/// <summary>
/// The simulated battery as a pure function of time since the driver started. No stored state and no
/// randomness: the same options and elapsed time always give the same reading, so demos and tests replay exactly.
/// </summary>
internal static class SimulatedPowerModel
{
    /// <summary>After mains returns the battery recharges at this rate (a real UPS is slower; the demo wants to see it).</summary>
    internal const double RechargePercentPerSecond = 1.0;

    /// <summary>SlowDrain's battery lasts this many times <see cref="SimulatedOptions.BatteryRuntime"/>.</summary>
    internal const double SlowDrainFactor = 4.0;

    public static SimulatedPowerState At(SimulatedOptions options, TimeSpan elapsed) => options.Profile switch
    {
        SimulatedProfile.Outage => Outage(options, elapsed, options.BatteryRuntime),
        SimulatedProfile.SlowDrain => Outage(options, elapsed, options.BatteryRuntime * SlowDrainFactor),
        SimulatedProfile.Flapping => Flapping(options, elapsed),
        // Steady and CommsLoss: mains never fails (CommsLoss only breaks the connection, see SimulatedDriver).
        _ => OnLine(100, options.BatteryRuntime),
    };

    /// <summary>Mains fails at OutageAt; the battery empties linearly over <paramref name="drainTime"/>; mains may return.</summary>
    private static SimulatedPowerState Outage(SimulatedOptions options, TimeSpan elapsed, TimeSpan drainTime)
    {
        if (elapsed < options.OutageAt)
            return OnLine(100, drainTime);

        var outageFor = elapsed - options.OutageAt;
        if (options.RestoreAfter is { } restoreAfter && outageFor >= restoreAfter)
        {
            var rechargingFor = (outageFor - restoreAfter).TotalSeconds;
            var charge = Math.Min(100, ChargeAfter(restoreAfter, drainTime) + RechargePercentPerSecond * rechargingFor);
            return OnLine(charge, drainTime);
        }
        return OnBattery(options, ChargeAfter(outageFor, drainTime), drainTime);
    }

    /// <summary>
    /// From OutageAt: on battery for one FlapPeriod, on line for the next, and so on. The charge only falls
    /// while on battery and does not recover on line (periods are short; it keeps the model obvious).
    /// </summary>
    private static SimulatedPowerState Flapping(SimulatedOptions options, TimeSpan elapsed)
    {
        var drainTime = options.BatteryRuntime;
        if (elapsed < options.OutageAt)
            return OnLine(100, drainTime);

        var sinceFirstOutage = elapsed - options.OutageAt;
        var period = options.FlapPeriod;
        var completedPeriods = (long)(sinceFirstOutage.Ticks / period.Ticks);
        var inCurrentPeriod = sinceFirstOutage - period * completedPeriods;
        var onBattery = completedPeriods % 2 == 0; // periods 0, 2, 4, … are outages

        // Completed on-battery periods are the even ones before the current one: ceil(completed / 2).
        var timeOnBattery = period * ((completedPeriods + 1) / 2) + (onBattery ? inCurrentPeriod : TimeSpan.Zero);
        var charge = ChargeAfter(timeOnBattery, drainTime);
        return onBattery ? OnBattery(options, charge, drainTime) : OnLine(charge, drainTime);
    }

    private static double ChargeAfter(TimeSpan onBatteryFor, TimeSpan drainTime) =>
        Math.Max(0, 100 * (1 - onBatteryFor / drainTime));

    /// <summary>Runtime is the remaining share of the full drain time, as a UPS at constant load would estimate it.</summary>
    private static double RuntimeAt(double charge, TimeSpan drainTime) => drainTime.TotalSeconds * charge / 100;

    private static SimulatedPowerState OnLine(double charge, TimeSpan drainTime) =>
        new(OnBattery: false, charge, RuntimeAt(charge, drainTime), LowBattery: false);

    private static SimulatedPowerState OnBattery(SimulatedOptions options, double charge, TimeSpan drainTime) =>
        new(OnBattery: true, charge, RuntimeAt(charge, drainTime), LowBattery: charge <= options.LowBatteryChargePercent);
}
