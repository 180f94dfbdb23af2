using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Supervisor.Domain.Events;
using Supervisor.Node.Hosting;
using Supervisor.Node.Http;

namespace Supervisor.Node.Cli;

/// <summary>
/// Issue 14 (the demo says what to try next): a new operator watches the simulated outage end with a saga line and then
/// a quiet log, not knowing whether that was all. When the demo config's saga completes, one plain line says the
/// demo ran its course and names the commands worth trying next. Only for the demo config (a real fleet's log is no
/// tutorial), and once.
/// </summary>
internal static class DemoNextSteps
{
    /// <summary>The demo: the config built into the binary, or a file with exactly its text (the repository's config/supervisor.conf).</summary>
    public static bool IsDemo(string configFile)
    {
        if (configFile == BuiltInConfig.DemoName) return true;
        try { return File.Exists(configFile) && File.ReadAllText(configFile) == BuiltInConfig.DemoText; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <param name="node">host:port of this node, as <c>--node</c> takes it.</param>
    /// <param name="dashboard">The dashboard's URL, when the HTTP API runs.</param>
    public static string Line(string sagaId, TimeSpan? took, string node, string? dashboard) =>
        $"Demo: the outage ran its course: saga {sagaId} completed" +
        (took is { } t ? $" in {t.TotalSeconds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} s" : "") +
        $". Try next: supervisor sagas show {sagaId} --node {node}, supervisor events --node {node}, " +
        (dashboard is null ? "" : $"the dashboard at {dashboard} (key demo-viewer-key), ") +
        "or write your own config with supervisor init --nut HOST.";

    /// <summary>host:port from an address such as <c>akka.tcp://supervisor@127.0.0.1:4053</c>.</summary>
    public static string HostPort(string address) => address[(address.LastIndexOf('@') + 1)..];

    /// <summary>Adds the watcher to a demo node's host; any other config gets nothing.</summary>
    public static void AddTo(IServiceCollection services, NodeConfiguration node)
    {
        if (!IsDemo(node.ConfigFile)) return;
        services.AddSingleton<IHostedService>(sp => new Service(sp.GetRequiredService<ActorSystem>(), HostPort(node.Address),
            () => sp.GetService<HttpApiService>()?.Url is { } url ? url + Supervisor.Node.Http.Dashboard.DashboardRoutes.Page : null));
    }

    private sealed class Service(ActorSystem system, string node, Func<string?> dashboard) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            system.ActorOf(Props.Create(() => new Watcher(node, dashboard)), "demo-next-steps");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Reads the local event stream (every saga fact of the cluster arrives there) and stops after its one line.</summary>
    private sealed class Watcher : ReceiveActor, IWithTimers
    {
        private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);

        public ITimerScheduler Timers { get; set; } = null!;

        public Watcher(string node, Func<string?> dashboard)
        {
            Receive<SagaProgressed>(e => e.Change == "started", e => _started[e.SagaId] = e.At);
            Receive<SagaProgressed>(e => e.Change == "completed", e =>
            {
                TimeSpan? took = _started.TryGetValue(e.SagaId, out var at) ? e.At - at : null;
                // The logger writes asynchronously: a moment's wait puts this line after the saga's own COMPLETE line.
                Timers.StartSingleTimer("say", Line(e.SagaId, took, node, dashboard()), TimeSpan.FromSeconds(1));
                Become(() =>
                {
                    Receive<string>(line =>
                    {
                        Console.Out.WriteLine(line);
                        Context.Stop(Self);
                    });
                    ReceiveAny(_ => { }); // a second saga's facts: the line is said once
                });
            });
            ReceiveAny(_ => { });
        }

        protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(SagaProgressed));

        protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
    }
}
