using System.Globalization;

namespace Supervisor.Domain.Events;

/// <summary>One fleet fingerprint in a mismatch: what it says (placement, devices, groups) and which nodes run it.</summary>
public sealed record FleetVariant(string Hash, string Summary, IReadOnlyList<string> Nodes);

/// <summary>
/// The supervisor nodes disagree about the fleet (devices, group members, placement), so two of them may run the same
/// group at once; or, with <paramref name="Agrees"/>, they agree again. Published once per distinct mismatch, by one node
/// (<see cref="Placement.FleetConsistency"/>), and again only when the set of fingerprints changes.
/// </summary>
/// <param name="ReportedBy">The node that published it (the one with the lowest address among those heard).</param>
/// <param name="Variants">The fingerprints heard and the nodes running each; one when they agree again.</param>
public sealed record FleetMismatchChanged(string ReportedBy, bool Agrees, IReadOnlyList<FleetVariant> Variants, DateTimeOffset At) : FleetEvent(At)
{
    public const string MismatchKind = "fleet.mismatch", ResolvedKind = "fleet.mismatch-resolved";

    public override string Id => $"fleet-{ReportedBy}@{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{(Agrees ? "agrees" : Fingerprints)}";
    public override string Kind => Agrees ? ResolvedKind : MismatchKind;

    /// <summary>Critical while they disagree: two nodes running one group can shut it down twice, or each wait for the other.</summary>
    public override EventSeverity Severity => Agrees ? EventSeverity.Info : EventSeverity.Critical;

    public override EventSubject Subject => new(SubjectKind.Config, "fleet");

    /// <summary>The fingerprints, sorted and joined: the same mismatch gives the same text on every node.</summary>
    public string Fingerprints => string.Join("+", Variants.Select(v => v.Hash).Order(StringComparer.Ordinal));

    public override string Message => Agrees
        ? $"Supervisor nodes run the same fleet again: {Describe(Variants)}"
        : $"Supervisor nodes run different fleets: {Describe(Variants)}. Two of them may run the same group at once: give every supervisor node " +
          "the same supervisor.devices, supervisor.groups members and supervisor.placement, then restart them one by one";

    private static string Describe(IEnumerable<FleetVariant> variants) =>
        string.Join("; ", variants.Select(v => $"{string.Join(", ", v.Nodes)} {(v.Nodes.Count == 1 ? "runs" : "run")} {v.Summary}"));
}
