using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Http;

/// <summary>
/// Runs <see cref="HttpApi"/> inside the node's host: started after the actor system (it needs the inspector from the
/// ActorRegistry), stopped before it. Prints where it listens, so the demo shows the URL on its first screen.
/// </summary>
internal sealed class HttpApiService(HttpSettings settings, IRequiredActor<InspectorActor> inspector, IRequiredActor<Supervisor.Actors.Live.LiveFeedActor> liveFeed,
    ActorSystem system, ILoggerFactory loggers, ActorRegistry registry) : IHostedService, IAsyncDisposable
{
    private Metrics.MetricsExporter? _metrics;

    /// <summary>The running app (tests read its endpoints); null before start.</summary>
    public WebApplication? App { get; private set; }

    /// <summary>Where it listens, with the real port when the config said 0; null before start.</summary>
    public string? Url { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var log = Logging.GetLogger(system, "http-api");
        // The metrics actor runs when metrics are on (WithMetrics); the notifier only with channels, so its outbox gauge is "where present".
        if (registry.TryGet<Actors.Metrics.MetricsActor>(out var metrics))
            _metrics = new Metrics.MetricsExporter(metrics, registry.TryGet<Actors.Notifications.NotifierFront>(out var notifier) ? notifier : null, settings.Metrics);
        var audit = new HttpAudit(log, system.EventStream, Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(), TimeProvider.System);
        App = HttpApi.Build(settings, await inspector.GetAsync(cancellationToken), await liveFeed.GetAsync(cancellationToken), audit, loggers, _metrics);
        try
        {
            await App.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new NodeStartupException($"{HttpSettings.Path}.listen",
                $"the HTTP API cannot listen on {settings.Host}:{settings.Port}: {e.Message}. Choose a free port or a local address in listen (or --http-listen)");
        }
        Url = App.Urls.FirstOrDefault() is { } bound ? Loopback(bound) : settings.Url;
        Console.Out.WriteLine($"supervisor: HTTP API at {Url}{HttpApi.Prefix} ({settings.ApiKeys.Count} API key(s); docs/web.md)");
        Console.Out.WriteLine($"supervisor: dashboard at {Url}{Dashboard.DashboardRoutes.Page} (log in with an API key)");
        log.Info("HTTP API listening at {0}{1}", Url, HttpApi.Prefix);
    }

    /// <summary>A wildcard bind is reached at loopback from this host: print the URL that works when pasted.</summary>
    private static string Loopback(string bound) => bound.Replace("://0.0.0.0:", "://127.0.0.1:").Replace("://[::]:", "://127.0.0.1:");

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (App is not null) await App.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        _metrics?.Dispose();
    }
}
