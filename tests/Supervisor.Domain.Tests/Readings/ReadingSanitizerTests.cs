using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Readings;

/// <summary>Issue 9, rule 3: impossible values (sentinels such as -1, NaN, charge over 100 %) are unknown and fire no trigger.</summary>
public class ReadingSanitizerTests
{
    private static readonly TriggerSettings ChargeAndRuntime = NoTriggers with { ChargePercent = 20, Runtime = TimeSpan.FromSeconds(600) };

    [Theory]
    [InlineData(-1.0, null)]
    [InlineData(101.0, null)]
    [InlineData(double.NaN, null)]
    [InlineData(0.0, 0.0)]
    [InlineData(100.0, 100.0)]
    [InlineData(55.5, 55.5)]
    public void Sanitize_should_keep_a_charge_only_when_it_is_a_percentage(double charge, double? expected)
    {
        Assert.Equal(expected, ReadingSanitizer.Sanitize(OnBattery(0, charge: charge)).Reading.ChargePercent);
    }

    [Theory]
    [InlineData(150.0, 150.0)] // overload: real
    [InlineData(200.0, 200.0)]
    [InlineData(250.0, null)] // a scaling mistake
    [InlineData(-5.0, null)]
    public void Sanitize_should_allow_an_overload_but_not_a_load_beyond_200_percent(double load, double? expected)
    {
        Assert.Equal(expected, ReadingSanitizer.Sanitize(OnLine(0) with { LoadPercent = load }).Reading.LoadPercent);
    }

    [Fact]
    public void Sanitize_should_drop_every_negative_or_non_finite_measurement_and_warn_once_for_each()
    {
        var raw = OnLine(0, charge: -1, runtime: -1) with
        {
            LoadPercent = double.NaN, InputVoltage = -230, PowerWatts = double.PositiveInfinity,
            CurrentAmps = -0.5, FrequencyHz = double.NegativeInfinity, EnergyKwh = -12,
        };
        var sanitized = ReadingSanitizer.Sanitize(raw);

        var r = sanitized.Reading;
        Assert.All(new[] { r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts, r.CurrentAmps, r.FrequencyHz, r.EnergyKwh }, Assert.Null);
        Assert.Equal(8, sanitized.Warnings.Count);
        Assert.Contains("runtime -1s is out of range (some drivers send -1 for \"unknown\"); it must be at least 0, so it is treated as unknown and fires no trigger", sanitized.Warnings);
        Assert.Contains(sanitized.Warnings, w => w.StartsWith("charge -1% is out of range", StringComparison.Ordinal) && w.Contains("0 to 100%"));
    }

    [Fact]
    public void Sanitize_should_return_the_same_reading_and_no_warnings_when_every_value_is_plausible()
    {
        var raw = OnBattery(0) with { CurrentAmps = 1.2, FrequencyHz = 50, EnergyKwh = 3 };
        var sanitized = ReadingSanitizer.Sanitize(raw);
        Assert.Same(raw, sanitized.Reading);
        Assert.Empty(sanitized.Warnings);
    }

    [Fact]
    public void Runtime_sentinel_should_fire_no_trigger_when_the_device_is_on_battery()
    {
        // Seen with NUT drivers: battery.runtime = -1 ("unknown") on battery fired the runtime trigger and shut down.
        var settings = Settings(ChargeAndRuntime);
        var (reading, _, warnings) = ReadingIntake.Prepare(RuntimeEstimatorState.Empty, OnBattery(0, charge: -1, runtime: -1), settings);
        var state = DeviceHealthRules.OnReading(DeviceHealthRules.Initial(T0), reading, settings);

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Equal(2, warnings.Count);
    }

    private static Gen<double?> AnyValue =>
        Gen.Frequency(
            (2, Gen.Constant<double?>(null)),
            (2, Gen.Elements<double?>(-1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, 100, 100.0001, 200, 200.5, -0.0001, double.MaxValue, double.MinValue)),
            (6, Gen.Choose(-2_000, 2_000).Select(v => (double?)(v / 7.0))));

    private static Arbitrary<Reading> AnyReading =>
        (from ol in ArbMap.Default.GeneratorFor<bool>()
         from ob in ArbMap.Default.GeneratorFor<bool>()
         from values in Gen.ArrayOf(AnyValue, 8)
         select new Reading("ups1", At(0), ol, ob, false, false, values[0], values[1], values[2], values[3], values[4], "x")
         {
             CurrentAmps = values[5], FrequencyHz = values[6], EnergyKwh = values[7],
         }).ToArbitrary();

    private static double?[] Values(Reading r) =>
        [r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts, r.CurrentAmps, r.FrequencyHz, r.EnergyKwh];

    private static readonly double[] Max = [100, double.PositiveInfinity, ReadingSanitizer.MaxLoadPercent, .. Enumerable.Repeat(double.PositiveInfinity, 5)];

    private static bool InRange(double v, int i) => double.IsFinite(v) && v >= 0 && v <= Max[i];

    [Property(MaxTest = 1000)]
    public Property Sanitize_should_keep_plausible_values_drop_the_rest_and_warn_once_per_dropped_value() =>
        Prop.ForAll(AnyReading, raw =>
        {
            var sanitized = ReadingSanitizer.Sanitize(raw);
            var before = Values(raw);
            var after = Values(sanitized.Reading);
            var dropped = 0;
            for (var i = 0; i < before.Length; i++)
            {
                if (before[i] is not { } v) { if (after[i] is not null) return false.Label($"value {i} appeared"); continue; }
                if (InRange(v, i)) { if (after[i] != v) return false.Label($"plausible value {i} = {v} changed to {after[i]}"); }
                else if (after[i] is not null) return false.Label($"implausible value {i} = {v} kept");
                else dropped++;
            }
            var rest = sanitized.Reading with { ChargePercent = raw.ChargePercent, RuntimeSeconds = raw.RuntimeSeconds, LoadPercent = raw.LoadPercent,
                InputVoltage = raw.InputVoltage, PowerWatts = raw.PowerWatts, CurrentAmps = raw.CurrentAmps, FrequencyHz = raw.FrequencyHz, EnergyKwh = raw.EnergyKwh };
            return (sanitized.Warnings.Count == dropped).Label($"{sanitized.Warnings.Count} warnings for {dropped} dropped values")
                .And((rest == raw).Label("something other than a measurement changed"));
        });

    [Property(MaxTest = 1000)]
    public Property Charge_and_runtime_triggers_should_never_fire_on_an_implausible_value() =>
        Prop.ForAll(AnyReading, raw =>
        {
            var onBattery = raw with { OnBattery = true };
            var settings = Settings(ChargeAndRuntime);
            var (reading, _, _) = ReadingIntake.Prepare(RuntimeEstimatorState.Empty, onBattery, settings);
            var fired = DeviceHealthRules.OnReading(DeviceHealthRules.Initial(T0), reading, settings).Assessment.Fired;
            var chargeOk = raw.ChargePercent is not { } c || InRange(c, 0) || !fired.Contains(TriggerKind.Charge);
            var runtimeOk = raw.RuntimeSeconds is not { } t || InRange(t, 1) || !fired.Contains(TriggerKind.Runtime);
            return (chargeOk && runtimeOk).Label($"fired {string.Join(", ", fired)} on charge {raw.ChargePercent}, runtime {raw.RuntimeSeconds}");
        });
}
