using Akka.Actor;
using Prometheus;
using Supervisor.Actors.Metrics;
using Supervisor.Actors.Notifications;
using Supervisor.Domain.Metrics;

namespace Supervisor.Node.Http.Metrics;

/// <summary>
/// The node's Prometheus registry (its own, not prometheus-net's static default: several nodes may share a process in
/// tests). Before every scrape it asks the metrics actor for its current book and writes it into the gauges, so
/// ages are computed at scrape time and a device that is no longer in the book loses its series. Nothing is written
/// between scrapes: the actors' facts cost the exporter nothing.
/// </summary>
internal sealed class MetricsExporter : IDisposable
{
    private static readonly string[] DeviceLabels = ["device", "driver"];

    private readonly IActorRef _metrics;
    private readonly IActorRef? _notifier;
    private readonly HttpMetricsSettings _settings;
    private readonly TimeProvider _clock;
    private readonly DeviceFamilies _devices;
    private readonly GroupFamilies _groups;
    private readonly Gauge _members, _unreachable, _outbox;
    private readonly PollDurationListener _polls;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public MetricsExporter(IActorRef metrics, IActorRef? notifier, HttpMetricsSettings settings, TimeProvider? clock = null)
    {
        _metrics = metrics;
        _notifier = notifier;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _devices = new DeviceFamilies(factory, DeviceLabels);
        _groups = new GroupFamilies(factory);
        _members = factory.CreateGauge(ClusterMetricMapping.Members.Name, ClusterMetricMapping.Members.Help, "status");
        _unreachable = factory.CreateGauge(ClusterMetricMapping.Unreachable.Name, ClusterMetricMapping.Unreachable.Help);
        _outbox = factory.CreateGauge("supervisor_notification_outbox_depth", "Notifications waiting in the outbox, per channel (where a notifier is configured).", ["channel"]);
        _polls = new PollDurationListener(factory);
        Registry.AddBeforeCollectCallback(RefreshAsync);
    }

    /// <summary>Writes the current book into the registry; one refresh at a time (two scrapes at once would interleave their writes).</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, _settings.OutboxTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        var outbox = await OutboxAsync(cancellationToken);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var now = _clock.GetUtcNow();
            _devices.Write(snapshot.Book.Devices, now);
            _groups.Write(snapshot.Book, snapshot.GroupMembers);
            foreach (var (status, count) in snapshot.MembersByStatus) _members.WithLabels(status).Set(count);
            _unreachable.Set(snapshot.UnreachableMembers);
            if (outbox is not null)
            {
                var waiting = outbox.Channels.ToDictionary(c => c.Channel, c => c.Waiting);
                foreach (var channel in snapshot.Channels.Union(waiting.Keys)) _outbox.WithLabels(channel).Set(waiting.GetValueOrDefault(channel));
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The notifier's outbox, when this node has one to ask; a slow or absent answer leaves the gauge as it was.</summary>
    private async Task<OutboxStatus?> OutboxAsync(CancellationToken cancellationToken)
    {
        if (_notifier is null) return null;
        try
        {
            return await _notifier.Ask<OutboxStatus>(GetOutboxStatus.Instance, _settings.OutboxTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            return null; // the singleton is moving or busy: the next scrape asks again
        }
    }

    public void Dispose()
    {
        _polls.Dispose();
        _oneAtATime.Dispose();
    }
}
