namespace Supervisor.Domain.Tests.Health;

/// <summary>Builders for health-rule tests: settings with every trigger off unless asked, readings at "T0 + seconds".</summary>
internal static class HealthTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    /// <summary>All triggers off, so a test turns on only the rule it is about.</summary>
    public static TriggerSettings NoTriggers { get; } = new(
        LowBattery: false,
        LowBatteryGuardPercent: 50,
        ChargePercent: null,
        Runtime: null,
        Depletion: null,
        OnBattery: null,
        ForcedShutdown: false);

    public static DeviceSettings Settings(
        TriggerSettings? triggers = null, double staleAfterSeconds = 12, double stabilizeSeconds = 30) => new(
        Id: "ups1",
        Driver: "simulated",
        PollInterval: TimeSpan.FromSeconds(2),
        StaleAfter: TimeSpan.FromSeconds(staleAfterSeconds),
        Timeout: TimeSpan.FromSeconds(1),
        Stabilize: TimeSpan.FromSeconds(stabilizeSeconds),
        Triggers: triggers ?? NoTriggers,
        Options: new NutOptions("localhost", 3493, "ups1", null, null));

    public static Reading OnLine(double atSeconds, double? charge = 100, double? runtime = 1800,
        bool lowBattery = false, bool forcedShutdown = false) =>
        Read(atSeconds, onLine: true, onBattery: false, lowBattery, forcedShutdown, charge, runtime);

    public static Reading OnBattery(double atSeconds, double? charge = 90, double? runtime = 1500,
        bool lowBattery = false, bool forcedShutdown = false) =>
        Read(atSeconds, onLine: false, onBattery: true, lowBattery, forcedShutdown, charge, runtime);

    public static Reading Read(double atSeconds, bool onLine, bool onBattery, bool lowBattery = false,
        bool forcedShutdown = false, double? charge = 100, double? runtime = 1800)
    {
        var status = string.Join(' ', new[]
        {
            onLine ? "OL" : null, onBattery ? "OB" : null, lowBattery ? "LB" : null, forcedShutdown ? "FSD" : null,
        }.Where(s => s is not null));
        return new Reading("ups1", At(atSeconds), onLine, onBattery, lowBattery, forcedShutdown,
            charge, runtime, LoadPercent: 30, InputVoltage: onBattery ? 0 : 230, PowerWatts: 150,
            RawStatus: status.Length == 0 ? "BYPASS" : status);
    }

    /// <summary>Folds readings into a fresh state started at T0.</summary>
    public static DeviceHealthState Feed(DeviceSettings settings, params Reading[] readings) =>
        Feed(DeviceHealthRules.Initial(T0), settings, readings);

    public static DeviceHealthState Feed(DeviceHealthState state, DeviceSettings settings, params Reading[] readings) =>
        readings.Aggregate(state, (s, r) => DeviceHealthRules.OnReading(s, r, settings));

    /// <summary>On-battery readings every <paramref name="stepSeconds"/> from <paramref name="fromSeconds"/>, charge falling linearly.</summary>
    public static Reading[] Draining(double fromSeconds, double toSeconds, double stepSeconds,
        double startCharge, double percentPerMinute)
    {
        var readings = new List<Reading>();
        for (var t = fromSeconds; t <= toSeconds; t += stepSeconds)
            readings.Add(OnBattery(t, charge: startCharge - percentPerMinute * (t - fromSeconds) / 60));
        return readings.ToArray();
    }
}
