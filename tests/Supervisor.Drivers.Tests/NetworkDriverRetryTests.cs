using System.Net;
using System.Net.Sockets;
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
/// Every network driver tries the device on every poll it is asked for: when to retry is the device actor's
/// poll schedule's decision alone (issue 9). A driver that still failed fast "inside a backoff window" could
/// waste the one poll that would have kept its device fresh. One contract, checked on each driver.
/// </summary>
public sealed class NetworkDriverRetryTests
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
    public async Task ReadAsync_should_connect_on_the_very_next_poll_when_earlier_connects_were_refused(string kind)
    {
        var clock = new ManualTimeProvider(); // never advanced: no time passes between the polls
        var port = LoopbackPort.Free();
        await using var driver = Driver(kind, port, clock);
        for (var i = 0; i < 3; i++)
        {
            var refused = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
            Assert.Contains("refused", refused.Message);
        }

        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            var poll = driver.ReadAsync(CancellationToken.None);
            using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
            accepted.Close(); // not a real device: the poll fails, but it did reach the port
            await Assert.ThrowsAsync<DeviceException>(() => poll.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            listener.Stop();
        }
    }
}
