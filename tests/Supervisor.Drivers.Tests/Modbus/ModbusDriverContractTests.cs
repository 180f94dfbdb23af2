namespace Supervisor.Drivers.Tests.Modbus;

/// <summary>The network driver contract, played by <see cref="ModbusDriver"/> (an SDM120 map) against <see cref="FakeModbusServer"/>.</summary>
public sealed class ModbusDriverContractTests : NetworkDriverSpec
{
    protected override IDeviceDriver CreateDriver(string host, int port, TimeSpan timeout, TimeProvider clock) =>
        new ModbusDriver(DeviceId, new ModbusOptions(host, port, 1, ModbusModel.Sdm120, []), timeout, clock);

    protected override IFakeDevice StartDevice(int port = 0)
    {
        var fake = new FakeModbusServer(port: port);
        return new TcpFakeDevice<FakeRequest>(fake, reply => reply switch
        {
            FakeReply.Garbage => (_, s, ct) => FakeModbusServer.Write(s, ct, Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\n\r\n")),
            // A header announcing a 64 KiB frame: refused before a byte of the body is awaited.
            FakeReply.Oversized => (q, s, ct) => FakeModbusServer.Write(s, ct, [(byte)(q.TransactionId >> 8), (byte)q.TransactionId, 0, 0, 0xFF, 0xFF, 1, 4]),
            _ => fake.Healthy(),
        });
    }

    protected override void AssertHealthy(Reading reading) => Assert.Equal(1196.5, reading.PowerWatts);

    protected override string[] RefusedWords(int port) => [$"connection refused by 127.0.0.1:{port}: is the meter's Modbus TCP server enabled"];

    protected override string[] NoReplyWords(int port, string seconds) =>
        [$"no reply from the meter at 127.0.0.1:{port} (unit id 1) within {seconds}s " +
         "(waiting for the reply to read input registers (function 4) of registers 0x0000-0x0001); is unit-id right"];

    protected override string[] GarbageWords(int port) =>
        [$"bad reply from 127.0.0.1:{port}", "not a Modbus TCP reply", "bytes: 48 54 54 50 2F 31 2E", "is this port really a Modbus TCP server?"];

    protected override string[] OversizedWords(int port) => ["length 65535, outside the Modbus TCP range 2..254"];

    protected override string UnresolvableHost => "meter.invalid";

    protected override string[] UnresolvableWords => ["cannot resolve meter host", "no reply from", "could not connect to"];
}
