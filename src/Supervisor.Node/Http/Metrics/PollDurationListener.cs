using System.Diagnostics.Metrics;
using Prometheus;
using Supervisor.Actors.Diagnostics;

namespace Supervisor.Node.Http.Metrics;

/// <summary>
/// Feeds <c>supervisor_device_poll_duration_seconds{driver}</c> from the poll timing the device actors already record
/// (<see cref="SupervisorMeters.PollDuration"/>, milliseconds): the device actor is not touched, and one observation is
/// a few atomic adds on the poll's completion thread. The meter is process-wide, so nodes sharing a process share it.
/// </summary>
internal sealed class PollDurationListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Histogram _histogram;

    public PollDurationListener(IMetricFactory factory)
    {
        _histogram = factory.CreateHistogram("supervisor_device_poll_duration_seconds", "Time one device poll (driver read) took, seconds, successful or not.",
            ["driver"], new HistogramConfiguration { Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SupervisorMeters.MeterName && instrument.Name == SupervisorMeters.PollDurationName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, milliseconds, tags, _) =>
        {
            var driver = "unknown";
            foreach (var tag in tags)
                if (tag.Key == "driver" && tag.Value is string name) driver = name;
            _histogram.WithLabels(driver).Observe(milliseconds / 1000);
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
