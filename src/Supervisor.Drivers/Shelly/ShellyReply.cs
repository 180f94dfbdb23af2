namespace Supervisor.Drivers.Shelly;

/// <summary>What <c>GET /shelly</c> says about the device (it answers without a password on every generation).</summary>
/// <param name="Generation">1 for Gen1 (<c>"type"</c>, no <c>"gen"</c>); 2, 3, 4… from <c>"gen"</c>.</param>
/// <param name="Model">Gen1 <c>type</c> (e.g. <c>SHPLG-S</c>) or Gen2+ <c>model</c> (e.g. <c>SNPL-00112EU</c>).</param>
/// <param name="Id">Gen2+ device id (e.g. <c>shellyplusplugs-80646fd61f2c</c>); Gen1 has none.</param>
/// <param name="AuthEnabled">Gen1 <c>auth</c> / Gen2+ <c>auth_en</c>: the status endpoints want a password.</param>
public sealed record ShellyDeviceInfo(int Generation, string Model, string? Id, bool AuthEnabled)
{
    /// <summary>True for the Gen2+ RPC API.</summary>
    public bool IsRpc => Generation >= 2;

    public override string ToString() => $"Gen{Generation} {Model}{(Id is null ? "" : $" ({Id})")}";
}

/// <summary>
/// One channel's measurements in Supervisor's units (W, V, A, Hz, kWh), whatever the generation reported them in.
/// </summary>
/// <param name="PowerWatts">Real power; the one value a reading cannot do without.</param>
/// <param name="Source">Where the values came from, e.g. <c>meters[0]</c>, <c>emeters[1]</c>, <c>switch:0</c>.</param>
/// <param name="Warnings">Problems that did not fail the reading (an optional field of the wrong type, a device error flag).</param>
public sealed record ShellyMeasurement(
    double PowerWatts,
    double? Voltage,
    double? CurrentAmps,
    double? FrequencyHz,
    double? EnergyKwh,
    bool? RelayOn,
    string Source,
    IReadOnlyList<string> Warnings);

/// <summary>A Gen2+ RPC error body, e.g. <c>{"code":-105,"message":"Argument 'id', value 3 not found!"}</c>.</summary>
public sealed record ShellyRpcError(long Code, string Message);
