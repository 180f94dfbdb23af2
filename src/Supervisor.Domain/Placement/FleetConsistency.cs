using System.Collections.Immutable;
using Supervisor.Domain.Events;

namespace Supervisor.Domain.Placement;

/// <summary>One supervisor node's last fleet announcement, and when it was heard.</summary>
public sealed record HeardFleet(string Hash, string Summary, DateTimeOffset At);

/// <summary>
/// What one node knows of every supervisor node's fleet fingerprint (its own included), and the mismatch last reported
/// (<see cref="FleetMismatchChanged.Fingerprints"/>, or null while they agree). Every node folds the same announcements,
/// so every node reaches the same view; only the reporter publishes it.
/// </summary>
public sealed record FleetConsistencyState(ImmutableSortedDictionary<string, HeardFleet> Nodes, string? Reported)
{
    public static FleetConsistencyState Empty { get; } = new(ImmutableSortedDictionary.Create<string, HeardFleet>(StringComparer.Ordinal), null);
}

/// <param name="Publish">The event to publish from this node, or null (nothing changed, or another node reports it).</param>
public sealed record FleetConsistencyStep(FleetConsistencyState Next, FleetMismatchChanged? Publish);

/// <summary>
/// Turns fleet announcements into one <see cref="FleetMismatchChanged"/> per distinct mismatch for the whole cluster: the
/// node with the lowest address among those heard publishes (each node computes the same, so one does; when it dies the
/// next one already knows what was reported and only tells what changes after). A node not heard for
/// <c>forgetAfter</c> is dropped, so a removed node with an old config does not keep the mismatch for ever. Pure.
/// </summary>
public static class FleetConsistency
{
    public static FleetConsistencyStep Heard(FleetConsistencyState s, string self, string node, string hash, string summary, DateTimeOffset now) =>
        Decide(s with { Nodes = s.Nodes.SetItem(node, new HeardFleet(hash, summary, now)) }, self, now);

    /// <summary>The clock moved: forgets nodes not heard for <paramref name="forgetAfter"/> (never this node).</summary>
    public static FleetConsistencyStep Expire(FleetConsistencyState s, string self, TimeSpan forgetAfter, DateTimeOffset now) =>
        Decide(s with { Nodes = s.Nodes.RemoveRange(s.Nodes.Where(kv => kv.Key != self && now - kv.Value.At > forgetAfter).Select(kv => kv.Key)) }, self, now);

    /// <summary>
    /// Another node reported a mismatch or an agreement (the fact bridge brings it): adopt what it heard, and that it was
    /// told. A node that never heard the odd node itself (it died before its announcement arrived here) then still clears
    /// the mismatch once that node is forgotten, and does not tell the same mismatch again as the next reporter.
    /// </summary>
    public static FleetConsistencyState Told(FleetConsistencyState s, string self, FleetMismatchChanged e)
    {
        if (e.ReportedBy == self) return s;
        var nodes = s.Nodes;
        foreach (var v in e.Variants)
            foreach (var node in v.Nodes)
                if (!nodes.TryGetValue(node, out var heard) || heard.At < e.At) nodes = nodes.SetItem(node, new HeardFleet(v.Hash, v.Summary, e.At));
        return new(nodes, e.Agrees ? null : e.Fingerprints);
    }

    private static FleetConsistencyStep Decide(FleetConsistencyState s, string self, DateTimeOffset now)
    {
        var variants = s.Nodes.GroupBy(kv => kv.Value.Hash, StringComparer.Ordinal)
            .Select(g => new FleetVariant(g.Key, g.First().Value.Summary, g.Select(kv => kv.Key).ToList()))
            .OrderBy(v => v.Nodes[0], StringComparer.Ordinal).ToList();
        var reporter = s.Nodes.Keys.FirstOrDefault() ?? self;
        FleetMismatchChanged Event(bool agrees) => new(reporter, agrees, variants, now);
        var mismatch = variants.Count > 1 ? Event(false) : null;
        if (mismatch?.Fingerprints == s.Reported) return new(s, null);
        var publish = mismatch ?? Event(agrees: true);
        return new(s with { Reported = mismatch?.Fingerprints }, reporter == self ? publish : null);
    }
}
