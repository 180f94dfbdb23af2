using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Actors.Devices;

/// <summary>
/// Sent by a <see cref="DeviceActor"/> to its listeners (the groups it belongs to) after every poll, and after a
/// staleness check that changed health. Groups fold it into quorum; <see cref="HealthChanged"/> marks changes.
/// Sent directly rather than over the event stream so that 10 000 devices in 1 000 groups cost one message per
/// member group, not one per group in the system.
/// </summary>
public sealed record DeviceReport(string DeviceId, HealthAssessment Assessment, Reading? LastReading, DateTimeOffset At, bool HealthChanged);

/// <summary>
/// A group that just (re)started asks for its members' current reports (to whoever owns the devices, the
/// supervisor root), so it need not wait a poll interval to learn member health. Each device answers the asker.
/// </summary>
public sealed record RequestDeviceReports(IReadOnlyList<string> DeviceIds);

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
