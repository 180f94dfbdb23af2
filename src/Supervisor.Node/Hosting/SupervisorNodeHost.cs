using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supervisor.Domain;
using Supervisor.Node.Http;

namespace Supervisor.Node.Hosting;

/// <summary>Builds the generic host of one node: console logging plus the Akka actor system.</summary>
public static class SupervisorNodeHost
{
    /// <param name="onSystemStarting">Runs first when the actor system starts, before any actor: a test harness subscribes to the log here, so it misses nothing.</param>
    /// <exception cref="NodeStartupException">The environment does not let this node start (see <see cref="NodeStartup"/>).</exception>
    public static IHost Build(NodeConfiguration node, NodeOptions options, Action<Akka.Actor.ActorSystem>? onSystemStarting = null)
    {
        Http.HttpListenProbe.EnsureFree(node.Settings.Http);
        var startup = NodeStartup.Prepare(node, DateTimeOffset.UtcNow);
        try
        {
            // Said before Akka starts (and logged again once it runs): a node that cannot log must still have said it.
            foreach (var warning in startup.Warnings) Console.Error.WriteLine($"  warning: {warning}");
            if (startup.Journal is { WasReset: true } reset) Console.Error.WriteLine($"ERROR: {reset.Explanation}");
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = false;
            });
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            // Created by a factory, so the container disposes it (releasing the data dir lock) after the actor system has stopped.
            builder.Services.AddSingleton(_ => startup);
            builder.Services.AddAkka(ClusterNames.SystemName, (akka, _) => akka.AddSupervisorNode(node, options, startup, onSystemStarting));
            builder.Services.AddSupervisorHttp(node.Settings.Http);
            Cli.DemoNextSteps.AddTo(builder.Services, node);
            var host = builder.Build();
            _ = host.Services.GetRequiredService<NodeStartup>();
            return host;
        }
        catch
        {
            startup.Dispose();
            throw;
        }
    }
}
