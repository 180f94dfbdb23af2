using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Supervisor.Node.Hosting;

/// <summary>Builds the generic host of one node: console logging plus the Akka actor system.</summary>
public static class SupervisorNodeHost
{
    public static IHost Build(NodeConfiguration node, NodeOptions options)
    {
        Directory.CreateDirectory(node.Settings.DataDir);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = false;
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddAkka(NodeRoles.SystemName, (akka, _) => akka.AddSupervisorNode(node, options));
        return builder.Build();
    }
}
