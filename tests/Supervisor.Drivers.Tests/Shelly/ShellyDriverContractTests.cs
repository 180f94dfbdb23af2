namespace Supervisor.Drivers.Tests.Shelly;

/// <summary>The network driver contract, played by <see cref="ShellyDriver"/> (generation auto) against a Gen1 Plug S <see cref="FakeShelly"/>.</summary>
public sealed class ShellyDriverContractTests : NetworkDriverSpec
{
    protected override IDeviceDriver CreateDriver(string host, int port, TimeSpan timeout, TimeProvider clock) =>
        new ShellyDriver(DeviceId, new ShellyOptions(host, port, 0, ShellyGeneration.Auto, null, null), timeout, clock);

    protected override IFakeDevice StartDevice(int port = 0) => new FakeShellyDevice(new FakeShelly(ShellyModel.PlugS, port));

    protected override void AssertHealthy(Reading reading) => Assert.Equal(120.5, reading.PowerWatts);

    protected override void AssertRefusalCause(Exception? inner) => Assert.IsType<HttpRequestException>(inner);

    protected override string[] RefusedWords(int port) => [$"connection refused by 127.0.0.1:{port}", "port 80"];

    protected override string[] NoReplyWords(int port, string seconds) =>
        [$"no reply from GET http://127.0.0.1:{port}/status within {seconds}s", "is the Shelly powered"];

    protected override string[] GarbageWords(int port) => ["/status", "text that is not JSON", "relay=on power=12.5"];

    protected override string[] OversizedWords(int port) => ["kept sending more than 64 KiB", "refusing to buffer it", "/status"];

    protected override string UnresolvableHost => "shelly.invalid";

    protected override string[] UnresolvableWords => ["cannot resolve host", "no reply from GET"];

    /// <summary>The HTTP fake is no <see cref="FakeTcpServer"/>: it plays each reply through its fault and delay properties.</summary>
    private sealed class FakeShellyDevice(FakeShelly fake) : IFakeDevice
    {
        public int Port => fake.Port;

        public int Connections => fake.Connections;

        public void Answer(FakeReply reply, TimeSpan delay = default)
        {
            fake.Fault = reply switch
            {
                FakeReply.Garbage => ShellyFault.NotJson,
                FakeReply.Oversized => ShellyFault.Oversized,
                _ => ShellyFault.None,
            };
            fake.ReplyDelay = reply == FakeReply.Silent ? System.Threading.Timeout.InfiniteTimeSpan : delay;
        }

        public ValueTask DisposeAsync() => fake.DisposeAsync();
    }
}
