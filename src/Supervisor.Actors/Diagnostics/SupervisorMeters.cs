using System.Diagnostics;
using System.Diagnostics.Metrics;
using Supervisor.Domain.Readings;
using Supervisor.Drivers;

namespace Supervisor.Actors.Diagnostics;

/// <summary>
/// Supervisor's own metrics, on the built-in <see cref="System.Diagnostics.Metrics"/> API (no package): any
/// <see cref="MeterListener"/>, OpenTelemetry exporter or <c>dotnet-counters monitor --counters Supervisor</c>
/// can read them. Recording with no listener attached costs next to nothing.
/// </summary>
public static class SupervisorMeters
{
    public const string MeterName = "Supervisor";
    public const string ReportLatencyName = "supervisor.group.report_latency";
    public const string PollDurationName = "supervisor.device.poll_duration";

    /// <summary>Millisecond buckets from sub-ms to a minute, for exporters that honour the advice.</summary>
    private static readonly InstrumentAdvice<double> MillisecondBuckets = new()
    {
        HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000],
    };

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Milliseconds from a <c>DeviceReport</c>'s <c>At</c> (made by the device) to its group handling it: mailbox and scheduling delay.</summary>
    public static readonly Histogram<double> ReportLatency = Meter.CreateHistogram(ReportLatencyName, "ms",
        "Time from a device report being made to its group handling it", tags: null, advice: MillisecondBuckets);

    /// <summary>Milliseconds one driver read took, successful or not; tagged with the driver name.</summary>
    public static readonly Histogram<double> PollDuration = Meter.CreateHistogram(PollDurationName, "ms",
        "Time one device poll (driver read) took", tags: null, advice: MillisecondBuckets);

    /// <summary>
    /// Starts <paramref name="driver"/>'s read and records <see cref="PollDuration"/> when it completes; returns the
    /// read's own task, so the caller sees exactly what the driver returned. A read that completed synchronously
    /// is recorded at once, without a continuation. A driver that throws instead of returning a task is not timed
    /// (the exception propagates to the caller, which treats it as a failed poll).
    /// </summary>
    public static Task<Reading> TimedRead(IDeviceDriver driver, string driverName, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var poll = driver.ReadAsync(cancellationToken);
        if (poll.IsCompleted)
            RecordPoll(started, driverName);
        else
            poll.ContinueWith(static (_, state) =>
            {
                var (at, name) = ((long, string))state!;
                RecordPoll(at, name);
            }, (started, driverName), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return poll;
    }

    private static void RecordPoll(long startedTimestamp, string driver) =>
        PollDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("driver", driver));
}
