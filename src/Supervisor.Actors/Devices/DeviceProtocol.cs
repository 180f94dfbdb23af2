using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Actors.Devices;

/// <summary>
/// Published by a <see cref="DeviceActor"/> on the event stream after every poll and staleness check.
/// Groups fold it into quorum; <see cref="HealthChanged"/> marks the reports that changed health.
/// </summary>
public sealed record DeviceReport(string DeviceId, HealthAssessment Assessment, Reading? LastReading, DateTimeOffset At, bool HealthChanged);

/// <summary>
/// Published on the event stream by a group that just (re)started: every device actor answers by publishing
/// its current <see cref="DeviceReport"/>, so the group need not wait a poll interval to learn member health.
/// </summary>
public sealed record DeviceReportsRequested
{
    public static DeviceReportsRequested Instance { get; } = new();
}

/// <summary>Ask a device actor for its current <see cref="DeviceReport"/>.</summary>
public sealed record GetDeviceReport
{
    public static GetDeviceReport Instance { get; } = new();
}

/// <summary>Device actor internals: timers and piped driver results.</summary>
internal sealed record PollNow
{
    public static PollNow Instance { get; } = new();
}

internal sealed record CheckStaleness
{
    public static CheckStaleness Instance { get; } = new();
}

internal sealed record PollSucceeded(Reading Reading);

internal sealed record PollFailed(string Reason);
