using System.Net;
using System.Net.Sockets;
using Supervisor.Actors.NutServer;
using Supervisor.Domain.Configuration;
using Supervisor.Tests.RealServers;

namespace Supervisor.Actors.Tests.NutServer;

/// <summary>The facade actor's own duties: a port it cannot bind is an error naming the key and the fix, and it asks for the cluster's status.</summary>
public sealed class NutFacadeActorTests : TestKit
{
    [Fact]
    public async Task A_port_in_use_should_be_logged_as_an_error_naming_the_listen_key_and_the_fix()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var settings = NutServerSettings.Off with { Enabled = true, Port = port };
        await EventFilter.Error(contains: "supervisor.nut-server.listen: cannot listen on 127.0.0.1:" + port).ExpectOneAsync(async () =>
        {
            Sys.ActorOf(NutFacadeActor.Props(settings, [], [], CreateTestProbe().Ref));
            await Task.Delay(300);
        });
    }

    [Fact]
    public async Task It_should_ask_the_inspector_for_the_status_at_once_and_every_refresh_interval()
    {
        var inspector = CreateTestProbe();
        var settings = NutServerSettings.Off with { Enabled = true, Port = LoopbackPort.Free(), RefreshInterval = TimeSpan.FromMilliseconds(300) };
        Sys.ActorOf(NutFacadeActor.Props(settings, [], [], inspector.Ref));
        await inspector.ExpectMsgAsync<StatusRequest>(TimeSpan.FromSeconds(5));
        await inspector.ExpectMsgAsync<StatusRequest>(TimeSpan.FromSeconds(5));
    }
}
