using System.Globalization;
using System.Text.Json.Serialization;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Reports;

/// <summary>
/// What <c>upsc</c> / <c>apcaccess</c> users look for first in a device's variables: model, serial, status flags,
/// load, input / output / battery voltage and temperature, where the device reports them. Pure: read from the
/// variables the driver returned (NUT's <c>LIST VAR</c> names, apcupsd's NIS keys) and the reading.
/// </summary>
public sealed record DeviceNameplate(
    string? Model, string? Serial, string? Status, double? LoadPercent,
    double? InputVoltage, double? OutputVoltage, double? BatteryVoltage, double? TemperatureC)
{
    /// <summary>True when the device said more than the reading's own columns (model, serial, a voltage or a temperature).</summary>
    [JsonIgnore]
    public bool HasDetails => Model is not null || Serial is not null || OutputVoltage is not null || BatteryVoltage is not null || TemperatureC is not null;

    public static DeviceNameplate From(string driver, IReadOnlyDictionary<string, string> vars, Reading reading)
    {
        var apc = driver == "apcupsd";
        string? Text(params string[] keys) => keys.Select(k => vars.TryGetValue(k, out var v) ? v.Trim() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        double? Number(params string[] keys) => Text(keys) is { } t ? LeadingNumber(t) : null;
        return new DeviceNameplate(
            Model: apc ? Text("MODEL", "APCMODEL") : MakerAndModel(Text("ups.mfr", "device.mfr"), Text("ups.model", "device.model")),
            Serial: apc ? Text("SERIALNO") : Text("ups.serial", "device.serial"),
            Status: reading.RawStatus.Length == 0 ? null : reading.RawStatus,
            LoadPercent: reading.LoadPercent,
            InputVoltage: reading.InputVoltage,
            OutputVoltage: apc ? Number("OUTPUTV") : Number("output.voltage"),
            BatteryVoltage: apc ? Number("BATTV") : Number("battery.voltage"),
            TemperatureC: apc ? Number("ITEMP") : Number("ups.temperature", "battery.temperature"));
    }

    /// <summary>"APC" + "Back-UPS 700" → "APC Back-UPS 700", without saying the maker twice when the model already starts with it.</summary>
    private static string? MakerAndModel(string? mfr, string? model) =>
        model is null ? mfr
        : mfr is null || model.StartsWith(mfr, StringComparison.OrdinalIgnoreCase) ? model
        : $"{mfr} {model}";

    /// <summary>apcupsd writes units after the number ("24.0 Volts", "29.2 C"); NUT writes the bare number.</summary>
    private static double? LeadingNumber(string text)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '-' or '+')) end++;
        return double.TryParse(text.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }
}
