using System.Diagnostics;
using Akka.Actor;
using Supervisor.Actors.Metrics;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Node.Http.Metrics;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// <c>scale --metrics on</c>: the node's metrics consumer (<see cref="MetricsActor"/>, subscribed before the fleet as
/// WithMetrics does) and its Prometheus exporter, scraped on every progress line: what a <c>GET /metrics</c> does
/// minus Kestrel (ask the actor, write every device's series, render the text exposition).
/// </summary>
internal sealed class MetricsScraper : IDisposable
{
    private readonly MetricsExporter _exporter;
    private readonly List<double> _windowMs = [];

    public bool InWindow { get; set; }

    public MetricsScraper(ActorSystem system, SupervisorSettings settings)
    {
        var actor = system.ActorOf(MetricsActor.Props(settings), MetricsActor.Name);
        system.EventStream.Subscribe(actor, typeof(IFleetFact));
        _exporter = new MetricsExporter(actor, notifier: null, HttpMetricsSettings.Default);
    }

    /// <summary>
    /// The scrape's text, kept for the next: a fresh 20 MB buffer per scrape (and a string of it to count lines, as
    /// this harness once did) is garbage the fleet's GC pays for, which a Kestrel response streaming it out would not cost.
    /// </summary>
    private readonly MemoryStream _body = new();

    /// <summary>One scrape, timed; its line for the progress output.</summary>
    public async Task<string> ScrapeAsync()
    {
        _body.SetLength(0);
        var started = Stopwatch.GetTimestamp();
        await _exporter.WriteAsync(_body, Supervisor.Domain.Metrics.MetricsTextFormat.Prometheus, CancellationToken.None);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (InWindow) _windowMs.Add(ms);
        return $"scrape {F(ms, "0")} ms, {SeriesIn(_body)} series, {_body.Length / 1024} KiB";
    }

    /// <summary>Sample lines (not comments) in an exposition, counted over its bytes without making a string of it.</summary>
    public static int SeriesIn(MemoryStream body)
    {
        var text = body.GetBuffer().AsSpan(0, (int)body.Length);
        var count = 0;
        for (var start = 0; start < text.Length;)
        {
            var end = text[start..].IndexOf((byte)'\n');
            var length = end < 0 ? text.Length - start : end;
            if (length > 0 && text[start] != (byte)'#') count++;
            start += length + 1;
        }
        return count;
    }

    /// <summary>The window's scrape times: p50 and max, against the issue's aim of 250 ms.</summary>
    public string Summary()
    {
        if (_windowMs.Count == 0) return "  /metrics scrape: none in the window";
        var sorted = _windowMs.Order().ToArray();
        return $"  /metrics scrape (collect + text exposition, no HTTP): {sorted.Length} in the window, p50 {F(sorted[sorted.Length / 2], "0")} ms, " +
               $"max {F(sorted[^1], "0")} ms (aim < 250 ms)";
    }

    public void Dispose() => _exporter.Dispose();
}
