using Akka.Actor;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Actors.Devices;

/// <summary>
/// Sent by a <see cref="DeviceActor"/> to its listeners (the groups it belongs to) after every poll, and after a
/// staleness check that changed health. Groups fold it into quorum; <see cref="HealthChanged"/> marks changes.
/// Sent directly rather than over the event stream so that 10 000 devices in 1 000 groups cost one message per
/// member group, not one per group in the system. The assessment is the one for the listener's own trigger
/// settings (<see cref="DeviceListener"/>).
/// </summary>
public sealed record DeviceReport(string DeviceId, HealthAssessment Assessment, Reading? LastReading, DateTimeOffset At, bool HealthChanged)
{
    /// <summary>
    /// On battery, the progress line the log prints every progress-interval (figures, and where each trigger fires);
    /// set only in the answer to a plain <see cref="GetDeviceReport"/> (what <c>status</c> asks), null otherwise.
    /// </summary>
    public string? BatteryProgress { get; init; }

    /// <summary>When the device went on battery (this episode); set, like <see cref="BatteryProgress"/>, only in the answer to <c>status</c>.</summary>
    public DateTimeOffset? OnBatterySince { get; init; }
}

/// <summary>
/// A group that hears a device's reports, with the triggers it judges the device by (the device's own, or the group's
/// <c>triggers { … }</c> over them). Given to the device actor at creation by the supervisor root.
/// </summary>
/// <param name="GroupId">Lets the group's <see cref="GetDeviceReport"/> be answered with its own assessment; null for a plain listener.</param>
public sealed record DeviceListener(IActorRef Group, string? GroupId, TriggerSettings Triggers);

/// <summary>
/// A group that just (re)started asks for its members' current reports (to whoever owns the devices, the
/// supervisor root), so it need not wait a poll interval to learn member health. Each device answers the asker.
/// </summary>
/// <param name="GroupId">The asking group: each device answers with the assessment for that group's triggers.</param>
public sealed record RequestDeviceReports(IReadOnlyList<string> DeviceIds, string? GroupId = null);

/// <summary>Ask a device actor for its current <see cref="DeviceReport"/>.</summary>
/// <param name="GroupId">A group asking for the assessment under its own triggers; null for the device's own (inspection).</param>
public sealed record GetDeviceReport(string? GroupId = null)
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
