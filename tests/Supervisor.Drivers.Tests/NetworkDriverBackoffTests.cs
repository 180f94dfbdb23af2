using Supervisor.Domain.Configuration;
using Supervisor.Drivers.Apcupsd;
using Supervisor.Drivers.Kasa;
using Supervisor.Drivers.Modbus;
using Supervisor.Drivers.Nut;
using Supervisor.Drivers.Shelly;
using Supervisor.Drivers.Tests.Nut;
using Supervisor.Tests.RealServers;

namespace Supervisor.Drivers.Tests;

/// <summary>
/// Every network driver connects through <see cref="NetworkDeviceDriver"/>'s backoff: one contract, checked on each
/// driver, because each must route its connects through it (a driver that opened sockets on its own would hammer a
/// dead device every poll). The driver-specific refused/backoff wording is tested beside each driver.
/// </summary>
public sealed class NetworkDriverBackoffTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Drivers => ["nut", "apcupsd", "kasa", "modbus", "shelly"];

    private static IDeviceDriver Driver(string kind, int port, TimeProvider clock) => kind switch
    {
        "nut" => new NutDriver("dev", new NutOptions("127.0.0.1", port, "ups1", null, null), Timeout, clock),
        "apcupsd" => new ApcupsdDriver("dev", new ApcupsdOptions("127.0.0.1", port), Timeout, clock),
        "kasa" => new KasaDriver("dev", new KasaOptions("127.0.0.1", port, null), Timeout, clock),
        "modbus" => new ModbusDriver("dev", new ModbusOptions("127.0.0.1", port, 1, ModbusModel.Sdm120, []), Timeout, clock),
        "shelly" => new ShellyDriver("dev", new ShellyOptions("127.0.0.1", port, 0, ShellyGeneration.Auto, null, null), Timeout, clock),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Drivers))]
    public async Task ReadAsync_should_double_the_reconnect_backoff_up_to_10s_while_connects_keep_being_refused(string kind)
    {
        var clock = new ManualTimeProvider();
        await using var driver = Driver(kind, LoopbackPort.Free(), clock);
        foreach (var expected in new[] { 1, 2, 4, 8, 10, 10 })
        {
            var refused = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
            Assert.Contains("refused", refused.Message);
            var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
            Assert.Contains($"backing off for {expected}s", ex.Message);
            clock.Advance(TimeSpan.FromSeconds(expected));
        }
    }

}
