namespace Supervisor.Drivers.Tests.Contract;

/// <summary>
/// A protocol fake built on <see cref="FakeTcpServer{TRequest}"/> seen as the spec's <see cref="IFakeDevice"/>. Silence
/// and delay are the same for every protocol (<see cref="FakeTcpServer{TRequest}.ReplyDelay"/>); the driver's test class
/// says only which answer plays each other <see cref="FakeReply"/>.
/// </summary>
internal sealed class TcpFakeDevice<TRequest>(FakeTcpServer<TRequest> server, Func<FakeReply, FakeTcpServer<TRequest>.Handler> answer)
    : IFakeDevice where TRequest : class
{
    public int Port => server.Port;

    public int Connections => server.Connections;

    public void Answer(FakeReply reply, TimeSpan delay = default)
    {
        server.ReplyDelay = reply == FakeReply.Silent ? Timeout.InfiniteTimeSpan : delay;
        server.Behaviour = answer(reply == FakeReply.Silent ? FakeReply.Healthy : reply);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
