using System.Diagnostics.Metrics;
using Supervisor.Actors.Diagnostics;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// Routes the two Supervisor histograms (report latency, poll duration) of this process into our own lock-free
/// histograms; the callback runs on actor threads. Attach it before the actor system starts, so that no
/// instrument is published unseen.
/// </summary>
public sealed class FleetMeters : IDisposable
{
    private readonly MeterListener _listener;

    public WindowedHistogram Latency { get; } = new();
    public WindowedHistogram PollDuration { get; } = new();

    public FleetMeters()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SupervisorMeters.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == SupervisorMeters.ReportLatencyName) Latency.Record(value);
            else if (instrument.Name == SupervisorMeters.PollDurationName) PollDuration.Record(value);
        });
        _listener.Start();
    }

    public void StartWindow()
    {
        Latency.StartWindow();
        PollDuration.StartWindow();
    }

    public (LogHistogram Latency, LogHistogram PollDuration) StopWindow() => (Latency.StopWindow(), PollDuration.StopWindow());

    public void Dispose() => _listener.Dispose();
}

/// <summary>A histogram that only counts inside the measured window, plus one per sampling interval for the progress lines.</summary>
public sealed class WindowedHistogram
{
    private volatile LogHistogram? _window;
    private LogHistogram _interval = new();

    public void Record(double ms)
    {
        _window?.Record(ms);
        Volatile.Read(ref _interval).Record(ms);
    }

    public void StartWindow() => _window = new LogHistogram();

    public LogHistogram StopWindow()
    {
        var w = _window ?? throw new InvalidOperationException("no window started");
        _window = null;
        return w;
    }

    public LogHistogram SwapInterval() => Interlocked.Exchange(ref _interval, new LogHistogram());
}
