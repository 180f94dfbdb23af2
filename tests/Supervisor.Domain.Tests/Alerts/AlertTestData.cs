using Supervisor.Domain.Alerts;

namespace Supervisor.Domain.Tests.Alerts;

/// <summary>Samples of one device ("ups-a") at "T0 + seconds", and the settings the alert tests share.</summary>
internal static class AlertTestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static VoltageSettings Voltage { get; } = new(LowPercent: 10, HighPercent: 10, ClearMarginPercent: 2);

    public static PowerEventSettings Power { get; } = new(TimeSpan.FromSeconds(30), Voltage);

    public static Reading Reading(double atSeconds, bool onBattery = false, string? status = null, double charge = 100,
        double runtime = 2460, double load = 23, double? volts = null, bool lowBattery = false, bool fsd = false) =>
        new("ups-a", At(atSeconds), OnLine: !onBattery, OnBattery: onBattery, LowBattery: lowBattery, ForcedShutdown: fsd,
            charge, runtime, load, volts ?? (onBattery ? 0 : 230), PowerWatts: 150,
            RawStatus: status ?? string.Join(' ', new[] { onBattery ? "OB" : "OL", lowBattery ? "LB" : null, fsd ? "FSD" : null }.Where(w => w is not null)));

    public static DeviceSampled Sample(Reading r, DeviceHealth health = DeviceHealth.Healthy) =>
        new("ups-a", "nut", r, health, "test", null, r.Time);

    public static DeviceSampled Failed(double atSeconds, DeviceHealth health = DeviceHealth.Healthy) =>
        new("ups-a", "nut", null, health, "test", "connection refused by upsd at 127.0.0.1:3493", At(atSeconds));

    /// <summary>Folds samples through the rules from the initial state; returns every event raised, in order, and the end state.</summary>
    public static (DevicePowerState State, List<PowerEventRaised> Events) Fold(params DeviceSampled[] samples)
    {
        var state = DevicePowerState.Initial;
        var events = new List<PowerEventRaised>();
        foreach (var s in samples)
        {
            var step = PowerEventRules.Decide(state, s, Power);
            events.AddRange(step.Events);
            state = step.Next;
        }
        return (state, events);
    }

    public static string[] Names(IEnumerable<PowerEventRaised> events) => events.Select(e => e.Name).ToArray();
}
