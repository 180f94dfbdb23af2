namespace Supervisor.Drivers.Tests.Contract;

/// <summary>
/// A protocol fake built on <see cref="FakeTcpServer"/> seen as the spec's <see cref="IFakeDevice"/>: the driver's test
/// class says only how its fake plays each <see cref="FakeReply"/>.
/// </summary>
internal sealed class TcpFakeDevice<TServer>(TServer server, Action<TServer, FakeReply, TimeSpan> answer) : IFakeDevice
    where TServer : FakeTcpServer
{
    public int Port => server.Port;

    public int Connections => server.Connections;

    public void Answer(FakeReply reply, TimeSpan delay = default) => answer(server, reply, delay);

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
