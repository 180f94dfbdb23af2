using System.Collections.Immutable;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>
/// Everything the health rules remember about one device between events. Immutable: every rule in
/// <see cref="DeviceHealthRules"/> returns a new state, so the device actor can keep it as a plain field
/// and tests can replay any sequence of events without a clock.
/// </summary>
/// <param name="Assessment">The current health and its human reason (what the group's quorum counts).</param>
/// <param name="StartedAt">When monitoring of this device started.</param>
/// <param name="LastReading">The last reading that said where the power comes from (on line or on battery), or null
/// before the first one. A reply without a power state (NUT <c>WAIT</c>) does not replace it.</param>
/// <param name="LastReadingAt">Time of <paramref name="LastReading"/>; staleness counts from here.</param>
/// <param name="LastFailure">The last poll error since the last reply (cleared by any reply), for the stale reason.</param>
/// <param name="OnBatterySince">Start of the current on-battery episode. Kept through OB↔OL flaps inside
/// <c>stabilize</c> so time-on-battery keeps counting; null when there is no episode.</param>
/// <param name="StableSince">Start of the current run of on-line readings that fire no trigger; the
/// <c>stabilize</c> period counts from here. Null while on battery, after a gap (stale) or while a trigger condition holds.</param>
/// <param name="Latched">Every trigger that fired in the current episode, in firing order. They stay until the
/// device has been back on line and stable for <c>stabilize</c>, so a CRITICAL device never flips back mid-outage.</param>
/// <param name="ChargeSamples">On-battery charge samples inside the depletion window (oldest first), for the depletion rate.
/// Samples older than the window are dropped on every reading, so memory stays bounded.</param>
public sealed record DeviceHealthState(
    HealthAssessment Assessment,
    DateTimeOffset StartedAt,
    Reading? LastReading,
    DateTimeOffset? LastReadingAt,
    string? LastFailure,
    DateTimeOffset? OnBatterySince,
    DateTimeOffset? StableSince,
    ImmutableList<LatchedTrigger> Latched,
    ImmutableList<ChargeSample> ChargeSamples)
{
    /// <summary>
    /// Why the last reply counted for nothing (e.g. "status WAIT (driver initialising)"), while the device answers
    /// without a power state; null after a reading with one, or after a failed poll. The device actor logs it once.
    /// </summary>
    public string? LastReplyWithoutPowerState { get; init; }

    /// <summary>Failed polls since the last reply (the <c>offline-after-failures</c> rule counts these).</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Shortcut for <c>Assessment.Health</c>.</summary>
    public DeviceHealth Health => Assessment.Health;

    /// <summary>
    /// True while an on-battery episode (or a latched trigger) is still open: the device must then stay on
    /// line for <c>stabilize</c> before it can be HEALTHY again.
    /// </summary>
    public bool InEpisode => OnBatterySince is not null || !Latched.IsEmpty;
}

/// <summary>A trigger that fired and stays latched for the episode.</summary>
/// <param name="Kind">Which rule fired.</param>
/// <param name="Reason">The human reason, refreshed with the latest measurement each time the rule fires again.</param>
/// <param name="FiredAt">When it first fired in this episode.</param>
public sealed record LatchedTrigger(TriggerKind Kind, string Reason, DateTimeOffset FiredAt);

/// <summary>One on-battery charge measurement, kept for the depletion-rate trigger.</summary>
public sealed record ChargeSample(DateTimeOffset Time, double ChargePercent);
