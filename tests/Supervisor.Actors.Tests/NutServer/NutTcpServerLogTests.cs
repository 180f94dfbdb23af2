using System.Net.Sockets;
using System.Text;
using Akka.Event;
using Supervisor.Actors.NutServer;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Nut;

namespace Supervisor.Actors.Tests.NutServer;

/// <summary>A bad client is logged once, with its address; a normal client's STARTTLS attempt is not logged at all.</summary>
public sealed class NutTcpServerLogTests : TestKit
{
    [Fact]
    public async Task A_bad_client_should_be_logged_once_with_its_address_and_starttls_not_at_all()
    {
        var box = new NutSnapshotBox { Ups = [new VirtualUps("rack-a", "group", [new("ups.status", "OL")])] };
        await using var server = new NutTcpServer(NutServerSettings.Off with { Enabled = true, Port = 0 }, box, (_, _) => { }, Logging.GetLogger(Sys, "nut-server"));
        server.Start();

        await EventFilter.Warning(contains: "STARTTLS").ExpectAsync(0, () => Say(server, "STARTTLS", "VER"));
        await EventFilter.Warning(contains: "NUT client 127.0.0.1:").ExpectOneAsync(async () =>
        {
            await Say(server, "FROB", "GET VAR \"broken", "FROB");
            await Say(server, "FROB"); // a second connection from the same address
        });
    }

    private static async Task Say(NutTcpServer server, params string[] lines)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Endpoint!);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.UTF8);
        foreach (var line in lines)
        {
            await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.NotNull(await reader.ReadLineAsync(cts.Token));
        }
    }
}
