namespace Supervisor.Drivers.Tests.Kasa;

/// <summary>The network driver contract, played by <see cref="KasaDriver"/> against <see cref="FakeKasa"/>.</summary>
public sealed class KasaDriverContractTests : NetworkDriverSpec
{
    protected override IDeviceDriver CreateDriver(string host, int port, TimeSpan timeout, TimeProvider clock) =>
        new KasaDriver(DeviceId, new KasaOptions(host, port, null), timeout, clock);

    protected override IFakeDevice StartDevice(int port = 0) => new TcpFakeDevice<string>(new FakeKasa(port), reply => reply switch
    {
        // Four bytes that are no XOR-encrypted JSON.
        FakeReply.Garbage => FakeKasa.Raw([0, 0, 0, 4, 0xff, 0xfe, 0x00, 0x80]),
        // An HTTP server on the port: "HTTP" read as a length is 1.2 GB.
        FakeReply.Oversized => FakeKasa.Raw("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray()),
        _ => FakeKasa.Plug(),
    });

    protected override void AssertHealthy(Reading reading) => Assert.Equal(42.5, reading.PowerWatts);

    protected override string[] RefusedWords(int port) => [$"connection refused by 127.0.0.1:{port}", "nothing listens there", "KLAP"];

    protected override string[] NoReplyWords(int port, string seconds) =>
        [$"no reply from the Kasa device at 127.0.0.1:{port} within {seconds}s (waiting for the reply to get_sysinfo + get_realtime)", "Kasa app"];

    protected override string[] GarbageWords(int port) => [$"bad reply from 127.0.0.1:{port}", "not Kasa-encrypted JSON"];

    protected override string[] OversizedWords(int port) =>
        ["announced a 1213486160-byte reply (limit 65536)", "first bytes were \"HTTP\"", "really a Kasa plug"];

    protected override string UnresolvableHost => "plug.invalid";

    protected override string[] UnresolvableWords => ["cannot resolve Kasa host", "no reply from the Kasa device"];
}
