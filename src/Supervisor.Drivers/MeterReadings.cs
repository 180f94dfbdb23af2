using Supervisor.Domain.Readings;

namespace Supervisor.Drivers;

/// <summary>
/// The reading of a device that only measures mains (smart plug, power meter) and has no notion of mains or battery:
/// it says OnLine, never OnBattery, LowBattery or FSD, and the device's sensing settings decide mains presence from
/// what it measured (watts, volts, hertz). Plugs and meters fill in the rest with <c>with</c>.
/// </summary>
internal static class MeterReadings
{
    public static Reading Measured(string deviceId, DateTimeOffset time, double? volts, double? watts, string rawStatus,
        double? chargePercent = null, double? runtimeSeconds = null) => new(
        DeviceId: deviceId,
        Time: time,
        OnLine: true,
        OnBattery: false,
        LowBattery: false,
        ForcedShutdown: false,
        ChargePercent: chargePercent,
        RuntimeSeconds: runtimeSeconds,
        LoadPercent: null,
        InputVoltage: volts,
        PowerWatts: watts,
        RawStatus: rawStatus);
}
