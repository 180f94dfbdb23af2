using Supervisor.Domain.Configuration;
using Supervisor.Drivers.Apcupsd;
using Supervisor.Drivers.Nut;
using Supervisor.Drivers.Simulated;

namespace Supervisor.Drivers;

/// <summary>Builds the driver a device's settings call for. The config loader has already checked the driver name.</summary>
public static class DeviceDriverFactory
{
    public static IDeviceDriver Create(DeviceSettings settings, TimeProvider clock) => settings.Options switch
    {
        NutOptions nut => new NutDriver(settings.Id, nut, settings.Timeout, clock),
        SimulatedOptions sim => new SimulatedDriver(settings.Id, sim, clock),
        ApcupsdOptions apc => new ApcupsdDriver(settings.Id, apc, settings.Timeout, clock),
        _ => throw new ArgumentException($"device \"{settings.Id}\": no driver for {settings.Options.GetType().Name}"),
    };
}
