using System.Globalization;

namespace Supervisor.Domain.Readings;

/// <summary>
/// A reading with every impossible measurement removed, and one warning per removed value. A struct: one is made for
/// every reading, and it almost always holds the reading unchanged and no warnings.
/// </summary>
public readonly record struct SanitizedReading(Reading Reading, IReadOnlyList<string> Warnings);

/// <summary>
/// Removes measurements that cannot be real before anything judges them: some NUT drivers send
/// <c>battery.runtime = -1</c> or <c>battery.charge = -1</c> for "unknown", and a charge of -1 % would fire the charge
/// trigger, a runtime of -1 s the runtime trigger, and so shut the rack down. Such a value becomes unknown (null) for
/// that measurement, which no trigger fires on, and a warning says so. Pure; every driver's readings pass through it
/// (see <see cref="Health.ReadingIntake"/>), so the rule lives in this one place.
/// <para>
/// Out of range: NaN or infinity anywhere; a negative charge, runtime, load, voltage, current, power, frequency or
/// energy; a charge above 100 %; a load above <see cref="MaxLoadPercent"/>.
/// </para>
/// </summary>
public static class ReadingSanitizer
{
    /// <summary>
    /// A UPS may report more than 100 % load while overloaded (it raises <c>OVER</c>), but its overload protection
    /// trips at about 110–150 % within seconds, so a sustained figure beyond 200 % is a units or scaling mistake
    /// (watts or VA sent as percent), not a load. The load fires no trigger; it is dropped so reports do not show it.
    /// </summary>
    public const double MaxLoadPercent = 200;

    private static readonly IReadOnlyList<string> None = [];

    public static SanitizedReading Sanitize(Reading r)
    {
        List<string>? warnings = null;
        double? Check(double? value, string what, string unit, double max = double.PositiveInfinity)
        {
            if (value is not { } v || (double.IsFinite(v) && v >= 0 && v <= max)) return value;
            var range = double.IsPositiveInfinity(max) ? "at least 0" : $"0 to {Text(max)}{unit}";
            var hint = v == -1 ? " (some drivers send -1 for \"unknown\")" : "";
            (warnings ??= []).Add($"{what} {Text(v)}{unit} is out of range{hint}; it must be {range}, so it is treated as unknown and fires no trigger");
            return null;
        }

        var charge = Check(r.ChargePercent, "charge", "%", 100);
        var runtime = Check(r.RuntimeSeconds, "runtime", "s");
        var load = Check(r.LoadPercent, "load", "%", MaxLoadPercent);
        var voltage = Check(r.InputVoltage, "input voltage", "V");
        var power = Check(r.PowerWatts, "power", "W");
        var current = Check(r.CurrentAmps, "current", "A");
        var frequency = Check(r.FrequencyHz, "frequency", "Hz");
        var energy = Check(r.EnergyKwh, "energy", "kWh");
        if (warnings is null) return new(r, None);

        return new(r with
        {
            ChargePercent = charge,
            RuntimeSeconds = runtime,
            LoadPercent = load,
            InputVoltage = voltage,
            PowerWatts = power,
            CurrentAmps = current,
            FrequencyHz = frequency,
            EnergyKwh = energy,
        }, warnings);
    }

    private static string Text(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
