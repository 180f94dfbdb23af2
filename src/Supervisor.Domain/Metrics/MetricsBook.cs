using Supervisor.Domain.Events;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Metrics;

/// <summary>What the metrics show of one device: the last reading it gave (kept through failed polls) and its health now.</summary>
/// <param name="LastReading">The last successful reading; null until the first.</param>
/// <param name="LastPollFailed">The latest poll failed (the values are the last good reading's; its age says how old).</param>
public sealed record DeviceMetricState(string DeviceId, string Driver, Reading? LastReading, DeviceHealth Health, bool LastPollFailed);

/// <summary>A copy of the book for one scrape: it does not change while the scrape writes it out.</summary>
public sealed record MetricsView(
    IReadOnlyList<DeviceMetricState> Devices,
    IReadOnlyList<GroupSampled> Groups,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> SagaCounts);

/// <summary>
/// The latest state the metrics endpoint shows, folded from the facts (design §11) and nothing else. A cache owned by
/// one actor: folding a sample is one dictionary write (at 10 000 devices polled every second an immutable map cost
/// ~1.5 KB of garbage per sample), and a scrape takes a <see cref="View"/>. Bounded: only devices and groups of this
/// node's config get series (a sample of a device that left the config is ignored), saga counters are per configured
/// group and outcome, and the sagas remembered for replay detection are capped.
/// </summary>
public sealed class MetricsBook
{
    /// <summary>Saga outcomes counted per group: how sagas began and ended.</summary>
    public static readonly IReadOnlyList<string> SagaOutcomes = ["started", "completed", "aborted"];

    /// <summary>Step outcomes counted per group (a retried step counts one dispatch per attempt).</summary>
    public static readonly IReadOnlyList<string> StepOutcomes = ["step-dispatched", "step-succeeded", "step-failed", "step-timed-out"];

    /// <summary>Sagas remembered for replay detection; the oldest is forgotten beyond this (a saga has long ended by then).</summary>
    public const int RememberedSagas = 1024;

    private readonly HashSet<string> _configuredDevices;
    private readonly Dictionary<string, DeviceMetricState> _devices = [];
    private readonly Dictionary<string, GroupSampled> _groups = [];
    private readonly Dictionary<string, Dictionary<string, long>> _sagaCounts;
    private readonly Dictionary<string, long> _sagaSequence = [];

    private MetricsBook(IEnumerable<string> devices, IEnumerable<string> groups)
    {
        _configuredDevices = [.. devices];
        // Every group's counters start at 0, so rate() works from the first scrape.
        _sagaCounts = groups.Distinct().ToDictionary(g => g, _ => SagaOutcomes.Concat(StepOutcomes).ToDictionary(o => o, _ => 0L));
    }

    /// <summary>An empty book for this node's devices and groups.</summary>
    public static MetricsBook For(IEnumerable<string> devices, IEnumerable<string> groups) => new(devices, groups);

    /// <summary>Sagas currently remembered for replay detection.</summary>
    public int RememberedSagaCount => _sagaSequence.Count;

    /// <summary>Folds <paramref name="fact"/> in; false when it changes no metric (not ours, or a replay).</summary>
    public bool Apply(IFleetFact fact)
    {
        switch (fact)
        {
            case DeviceSampled s when _configuredDevices.Contains(s.DeviceId):
                var previous = _devices.GetValueOrDefault(s.DeviceId)?.LastReading;
                _devices[s.DeviceId] = new(s.DeviceId, s.Driver, s.Reading ?? previous, s.Health, s.PollError is not null);
                return true;
            case GroupSampled g when _sagaCounts.ContainsKey(g.GroupId):
                _groups[g.GroupId] = g;
                return true;
            case SagaProgressed p:
                return Count(p);
            default:
                return false;
        }
    }

    /// <summary>A copy for one scrape (a few hundred KB at 10 000 devices, once per scrape, not per sample).</summary>
    public MetricsView View() => new([.. _devices.Values], [.. _groups.Values],
        _sagaCounts.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(kv.Value)));

    /// <summary>
    /// Counts a saga's event once: a saga replays its journal after a fail-over and re-publishes every event with the
    /// same sequence number, and those must not count again.
    /// </summary>
    private bool Count(SagaProgressed p)
    {
        if (!_sagaCounts.TryGetValue(p.Group, out var counts) || !counts.ContainsKey(p.Change)) return false;
        if (_sagaSequence.TryGetValue(p.SagaId, out var seen) && p.SequenceNr <= seen) return false;
        _sagaSequence[p.SagaId] = p.SequenceNr;
        if (_sagaSequence.Count > RememberedSagas) _sagaSequence.Remove(OldestSaga());
        counts[p.Change]++;
        return true;
    }

    /// <summary>Saga ids end with their UTC start (<c>rack-a-1-20261123T185201</c>), so the smallest suffix is the oldest.</summary>
    private string OldestSaga() => _sagaSequence.Keys.MinBy(id => id[(id.LastIndexOf('-') + 1)..], StringComparer.Ordinal)!;
}
