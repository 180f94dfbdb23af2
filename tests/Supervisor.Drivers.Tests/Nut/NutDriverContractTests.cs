namespace Supervisor.Drivers.Tests.Nut;

/// <summary>The network driver contract, played by <see cref="NutDriver"/> against <see cref="FakeUpsd"/>.</summary>
public sealed class NutDriverContractTests : NetworkDriverSpec
{
    protected override IDeviceDriver CreateDriver(string host, int port, TimeSpan timeout, TimeProvider clock) =>
        new NutDriver(DeviceId, new NutOptions(host, port, "ups1", null, null), timeout, clock);

    protected override IFakeDevice StartDevice(int port = 0) => new TcpFakeDevice<string>(new FakeUpsd(port), reply => reply switch
    {
        FakeReply.Garbage => FakeUpsd.OnList("SSH-2.0-OpenSSH_9.2\n"),
        FakeReply.Oversized => FakeUpsd.OnList("BEGIN LIST VAR ups1\n" + new string('A', 100_000)),
        _ => FakeUpsd.Healthy(),
    });

    protected override void AssertHealthy(Reading reading) => Assert.True(reading.OnLine);

    protected override string[] RefusedWords(int port) => [$"connection refused by upsd at 127.0.0.1:{port}", "is upsd running", "LISTEN"];

    protected override string[] NoReplyWords(int port, string seconds) =>
        [$"no reply from upsd at 127.0.0.1:{port} within {seconds}s", "the reply to LIST VAR ups1"];

    protected override string[] GarbageWords(int port) => ["bad reply", "SSH-2.0-OpenSSH_9.2"];

    protected override string[] OversizedWords(int port) => ["longer than 4096 characters"];

    protected override string UnresolvableHost => "upsd.invalid";

    protected override string[] UnresolvableWords => ["cannot resolve upsd host", "no reply from upsd"];
}
