namespace Supervisor.Drivers.Tests.Apcupsd;

/// <summary>The network driver contract, played by <see cref="ApcupsdDriver"/> against <see cref="FakeNis"/>.</summary>
public sealed class ApcupsdDriverContractTests : NetworkDriverSpec
{
    protected override IDeviceDriver CreateDriver(string host, int port, TimeSpan timeout, TimeProvider clock) =>
        new ApcupsdDriver(DeviceId, new ApcupsdOptions(host, port), timeout, clock);

    protected override IFakeDevice StartDevice(int port = 0) => new TcpFakeDevice<string>(new FakeNis(port), reply => reply switch
    {
        FakeReply.Garbage => FakeNis.Raw("SSH-2.0-OpenSSH_9.2\r\n"u8.ToArray()),
        FakeReply.Oversized => FakeNis.Raw([0x00, 0x05, .. "APC\n\n"u8.ToArray(), 0xFF, 0xFF, .. new byte[100_000]]),
        _ => FakeNis.Status(FakeNis.RealStatus),
    });

    protected override void AssertHealthy(Reading reading) => Assert.True(reading.OnLine);

    protected override string[] RefusedWords(int port) => [$"connection refused by apcupsd at 127.0.0.1:{port}", "NETSERVER on", "NISIP"];

    protected override string[] NoReplyWords(int port, string seconds) =>
        [$"no reply from apcupsd at 127.0.0.1:{port} within {seconds}s", "the reply to status", "NISPORT"];

    protected override string[] GarbageWords(int port) => ["not NIS", "announces 21331 bytes", "SSH-2.0-OpenSSH_9.2", "NISPORT"];

    protected override string[] OversizedWords(int port) => ["record 2 announces 65535 bytes, more than the 1024"];

    protected override string UnresolvableHost => "apcupsd.invalid";

    protected override string[] UnresolvableWords => ["cannot resolve apcupsd host", "no reply from apcupsd"];
}
