namespace Supervisor.Drivers.Kasa;

/// <summary>One outlet of a power strip, as listed in the strip's <c>get_sysinfo</c> <c>children</c>.</summary>
/// <param name="Id">Child id used in <c>context.child_ids</c> (on an HS300: the strip's deviceId + "00".."05").</param>
/// <param name="Alias">Name given in the Kasa app.</param>
/// <param name="On">Relay of this outlet (<c>state</c> 1/0); null when missing or not 0/1.</param>
public sealed record KasaChild(string Id, string? Alias, bool? On);

/// <summary>What the driver uses from <c>system.get_sysinfo</c>.</summary>
/// <param name="Model">e.g. "HS110(EU)", "HS300(US)".</param>
/// <param name="Alias">Device name given in the Kasa app.</param>
/// <param name="DeviceId">The device's id (strip child ids start with it).</param>
/// <param name="RelayOn">Relay of a single plug (<c>relay_state</c>); strips have none at the top level.</param>
/// <param name="HasEmeter">Whether <c>feature</c> lists ENE (energy meter); null when the device sent no feature string.</param>
/// <param name="Children">Outlets of a power strip; empty for single plugs.</param>
/// <param name="Warnings">Fields that were present but unusable (left out, not fatal).</param>
public sealed record KasaSysInfo(
    string? Model,
    string? Alias,
    string? DeviceId,
    bool? RelayOn,
    bool? HasEmeter,
    IReadOnlyList<KasaChild> Children,
    IReadOnlyList<string> Warnings);

/// <summary><c>emeter.get_realtime</c> in SI units whichever style the device replied in.</summary>
/// <param name="Watts">Real power (required: it is what plug sensing is about).</param>
/// <param name="Volts">Mains voltage.</param>
/// <param name="Amps">Current.</param>
/// <param name="EnergyKwh">Energy counter.</param>
/// <param name="Warnings">Fields that were present but unusable (left out, not fatal).</param>
public sealed record KasaRealtime(double Watts, double? Volts, double? Amps, double? EnergyKwh, IReadOnlyList<string> Warnings);
