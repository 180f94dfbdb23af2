using System.Collections.Immutable;
using Supervisor.Domain.Events;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Metrics;

/// <summary>What the metrics show of one device: the last reading it gave (kept through failed polls) and its health now.</summary>
/// <param name="LastReading">The last successful reading; null until the first.</param>
/// <param name="LastPollFailed">The latest poll failed (the values are the last good reading's; its age says how old).</param>
public sealed record DeviceMetricState(string DeviceId, string Driver, Reading? LastReading, DeviceHealth Health, bool LastPollFailed);

/// <summary>
/// The latest state the metrics endpoint shows, folded from the facts (design §11) and nothing else. Immutable: the
/// metrics actor swaps in a new book per fact, and a scrape reads whichever book was current, without a lock and
/// without stopping the actor. Bounded: only devices and groups of this node's config get series (a sample of a
/// device that left the config is ignored), and saga counters are per configured group and outcome.
/// </summary>
public sealed record MetricsBook(
    ImmutableHashSet<string> ConfiguredDevices,
    ImmutableDictionary<string, DeviceMetricState> Devices,
    ImmutableDictionary<string, GroupSampled> Groups,
    ImmutableDictionary<string, ImmutableDictionary<string, long>> SagaCounts,
    ImmutableDictionary<string, long> SagaSequence)
{
    /// <summary>Saga outcomes counted per group: how sagas began and ended, and how their steps went.</summary>
    public static readonly IReadOnlyList<string> SagaOutcomes = ["started", "completed", "aborted"];

    /// <summary>Step outcomes counted per group (a retried step counts one dispatch per attempt).</summary>
    public static readonly IReadOnlyList<string> StepOutcomes = ["step-dispatched", "step-succeeded", "step-failed", "step-timed-out"];

    /// <summary>Sagas remembered for replay detection; the oldest is forgotten beyond this (a saga has long ended by then).</summary>
    public const int RememberedSagas = 1024;

    /// <summary>An empty book for this node's devices and groups; every group's counters start at 0, so <c>rate()</c> works from the first scrape.</summary>
    public static MetricsBook For(IEnumerable<string> devices, IEnumerable<string> groups)
    {
        var zero = SagaOutcomes.Concat(StepOutcomes).ToImmutableDictionary(o => o, _ => 0L);
        return new([.. devices], ImmutableDictionary<string, DeviceMetricState>.Empty,
            ImmutableDictionary<string, GroupSampled>.Empty, groups.ToImmutableDictionary(g => g, _ => zero), ImmutableDictionary<string, long>.Empty);
    }

    /// <summary>The book after <paramref name="fact"/>; facts that change no metric return this book.</summary>
    public MetricsBook Apply(IFleetFact fact) => fact switch
    {
        DeviceSampled s when ConfiguredDevices.Contains(s.DeviceId) => this with { Devices = Devices.SetItem(s.DeviceId, Fold(s)) },
        GroupSampled g when SagaCounts.ContainsKey(g.GroupId) => this with { Groups = Groups.SetItem(g.GroupId, g) },
        SagaProgressed p => Count(p),
        _ => this,
    };

    private DeviceMetricState Fold(DeviceSampled s)
    {
        var previous = Devices.GetValueOrDefault(s.DeviceId)?.LastReading;
        return new(s.DeviceId, s.Driver, s.Reading ?? previous, s.Health, s.PollError is not null);
    }

    /// <summary>
    /// Counts a saga's step once: a saga replays its journal after a fail-over and re-publishes every event with the
    /// same sequence number, and those must not count again.
    /// </summary>
    private MetricsBook Count(SagaProgressed p)
    {
        if (!SagaCounts.TryGetValue(p.Group, out var counts) || !counts.ContainsKey(p.Change)) return this;
        if (SagaSequence.TryGetValue(p.SagaId, out var seen) && p.SequenceNr <= seen) return this;
        var sequence = SagaSequence.SetItem(p.SagaId, p.SequenceNr);
        if (sequence.Count > RememberedSagas) sequence = sequence.Remove(OldestSaga(sequence));
        return this with { SagaCounts = SagaCounts.SetItem(p.Group, counts.SetItem(p.Change, counts[p.Change] + 1)), SagaSequence = sequence };
    }

    /// <summary>Saga ids end with their UTC start (<c>rack-a-1-20261123T185201</c>), so the smallest suffix is the oldest.</summary>
    private static string OldestSaga(ImmutableDictionary<string, long> sequence) =>
        sequence.Keys.MinBy(id => id[(id.LastIndexOf('-') + 1)..], StringComparer.Ordinal)!;
}
