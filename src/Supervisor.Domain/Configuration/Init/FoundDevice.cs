namespace Supervisor.Domain.Configuration.Init;

/// <summary>One key of a device as <c>supervisor init</c> writes it: a string (written quoted) or a whole number (written bare).</summary>
public sealed record ConfigSetting(string Key, string? Text, int? Number = null)
{
    public static ConfigSetting Of(string key, string text) => new(key, text);
    public static ConfigSetting Of(string key, int number) => new(key, null, number);
}

/// <summary>
/// A device <c>supervisor init</c> found answering, ready to be written under <c>supervisor.devices</c>.
/// </summary>
/// <param name="Id">Key under <c>supervisor.devices</c> (made with <see cref="ConfigIds"/>).</param>
/// <param name="Driver">The <c>driver</c> value: nut, apcupsd, kasa, shelly, modbus.</param>
/// <param name="Settings">The driver's keys, in the order written (never a secret itself: a password is a <c>file:</c>/<c>env:</c> reference).</param>
/// <param name="Comment">What answered, for the comment above the device (e.g. "ups1 on 127.0.0.1:3493: APC Smart-UPS, OL, 100 %").</param>
public sealed record FoundDevice(string Id, string Driver, IReadOnlyList<ConfigSetting> Settings, string Comment);
