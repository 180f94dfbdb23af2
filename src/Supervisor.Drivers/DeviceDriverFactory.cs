using Supervisor.Domain.Configuration;
using Supervisor.Drivers.Kasa;
using Supervisor.Drivers.Modbus;
using Supervisor.Drivers.Apcupsd;
using Supervisor.Drivers.Nut;
using Supervisor.Drivers.Shelly;
using Supervisor.Drivers.Simulated;

namespace Supervisor.Drivers;

/// <summary>
/// Builds the driver a device's settings call for. The config loader has already checked the driver name. A new driver
/// is one line here (docs/architecture.md, "How to add a driver").
/// </summary>
public static class DeviceDriverFactory
{
    public static IDeviceDriver Create(DeviceSettings settings, TimeProvider clock) => settings.Options switch
    {
        NutOptions nut => new NutDriver(settings.Id, nut, settings.Timeout, clock),
        ModbusOptions modbus => new ModbusDriver(settings.Id, modbus, settings.Timeout, clock),
        SimulatedOptions sim => new SimulatedDriver(settings.Id, sim, clock),
        KasaOptions kasa => new KasaDriver(settings.Id, kasa, settings.Timeout, clock),
        ShellyOptions shelly => new ShellyDriver(settings.Id, shelly, settings.Timeout, clock),
        ApcupsdOptions apc => new ApcupsdDriver(settings.Id, apc, settings.Timeout, clock),
        _ => throw new ArgumentException($"device \"{settings.Id}\": no driver for {settings.Options.GetType().Name}"),
    };
}
