using Akka.Actor;
using Prometheus;
using Supervisor.Actors.Metrics;
using Supervisor.Actors.Notifications;
using Supervisor.Domain.Metrics;

namespace Supervisor.Node.Http.Metrics;

/// <summary>
/// The node's <c>/metrics</c> text. Per scrape it asks the metrics actor for its current book, writes the per-device
/// families straight from it (<see cref="DeviceExposition"/>: ~27 series a device, the bulk of a scrape), and appends
/// its own Prometheus registry (not prometheus-net's static default: several nodes may share a process in tests) for
/// the few families prometheus-net serves well: groups, sagas, cluster members, the outbox and the poll histogram.
/// Ages are computed at scrape time and a device that is no longer in the book has no series. Nothing is written
/// between scrapes: the actors' facts cost the exporter nothing.
/// </summary>
internal sealed class MetricsExporter : IDisposable
{
    private readonly IActorRef _metrics;
    private readonly IActorRef? _notifier;
    private readonly HttpMetricsSettings _settings;
    private readonly TimeProvider _clock;
    private readonly GroupFamilies _groups;
    private readonly Gauge _members, _unreachable, _outbox;
    private readonly PollDurationListener _polls;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>
    /// The text of the latest scrape, kept for the next: at 10 000 devices it is ~19 MB, and a fresh buffer per scrape
    /// would be that much large-object garbage each time. Used under <see cref="_oneAtATime"/> only.
    /// </summary>
    private readonly MemoryStream _text = new();

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public MetricsExporter(IActorRef metrics, IActorRef? notifier, HttpMetricsSettings settings, TimeProvider? clock = null)
    {
        _metrics = metrics;
        _notifier = notifier;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _groups = new GroupFamilies(factory);
        _members = factory.CreateGauge(ClusterMetricMapping.Members.Name, ClusterMetricMapping.Members.Help, "status");
        _unreachable = factory.CreateGauge(ClusterMetricMapping.Unreachable.Name, ClusterMetricMapping.Unreachable.Help);
        _outbox = factory.CreateGauge("supervisor_notification_outbox_depth", "Notifications waiting in the outbox, per channel (where a notifier is configured).", ["channel"]);
        _polls = new PollDurationListener(factory);
    }

    /// <summary>
    /// One scrape's exposition in <paramref name="format"/> into <paramref name="output"/>: the device families, then the
    /// registry's. One scrape at a time (two at once would interleave their writes into the registry and the buffer).
    /// </summary>
    public async Task WriteAsync(Stream output, MetricsTextFormat format, CancellationToken cancellationToken)
    {
        var snapshot = await _metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, _settings.OutboxTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        var outbox = await OutboxAsync(cancellationToken);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            Refresh(snapshot, outbox);
            _text.SetLength(0);
            await using (var text = new StreamWriter(_text, Utf8, bufferSize: 16 * 1024, leaveOpen: true))
                DeviceExposition.Write(text, snapshot.Book.Devices, _clock.GetUtcNow(), format);
            // The registry's OpenMetrics text ends with "# EOF", so it must come last.
            await Registry.CollectAndExportAsTextAsync(_text, format == MetricsTextFormat.OpenMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText,
                cancellationToken);
            _text.Position = 0;
            await _text.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the small families (groups, sagas, cluster, outbox) of <paramref name="snapshot"/> into the registry.</summary>
    private void Refresh(MetricsSnapshot snapshot, OutboxStatus? outbox)
    {
        _groups.Write(snapshot.Book, snapshot.GroupMembers);
        foreach (var (status, count) in snapshot.MembersByStatus) _members.WithLabels(status).Set(count);
        _unreachable.Set(snapshot.UnreachableMembers);
        if (outbox is null) return;
        var waiting = outbox.Channels.ToDictionary(c => c.Channel, c => c.Waiting);
        foreach (var channel in snapshot.Channels.Union(waiting.Keys)) _outbox.WithLabels(channel).Set(waiting.GetValueOrDefault(channel));
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
        _text.Dispose();
    }
}
