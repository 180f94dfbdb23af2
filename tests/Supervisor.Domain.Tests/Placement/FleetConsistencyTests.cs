using Supervisor.Domain.Alerts;

namespace Supervisor.Domain.Tests.Placement;

/// <summary>The fleet-mismatch fold: one event per distinct mismatch for the whole cluster, told by one node, cleared once.</summary>
public class FleetConsistencyTests
{
    private const string A = "akka.tcp://supervisor@10.0.0.1:4053", B = "akka.tcp://supervisor@10.0.0.2:4053", C = "akka.tcp://supervisor@10.0.0.3:4053";
    private const string X = "aaaaaaaaaaaa", Y = "bbbbbbbbbbbb", Z = "cccccccccccc";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static string Summary(string hash) => $"singleton, 2 device(s), 1 group(s), fingerprint {hash}";

    /// <summary>Every node hears the same announcements; returns what each node would publish.</summary>
    private sealed class Cluster
    {
        private readonly Dictionary<string, FleetConsistencyState> _views = new() { [A] = FleetConsistencyState.Empty, [B] = FleetConsistencyState.Empty, [C] = FleetConsistencyState.Empty };
        public List<FleetMismatchChanged> Published { get; } = [];

        public void Announce(string node, string hash, DateTimeOffset at)
        {
            foreach (var self in _views.Keys.ToList())
            {
                var step = FleetConsistency.Heard(_views[self], self, node, hash, Summary(hash), at);
                _views[self] = step.Next;
                if (step.Publish is { } e) Published.Add(e);
            }
        }
    }

    [Fact]
    public void A_node_with_another_fleet_should_be_published_once_by_the_lowest_node_naming_the_nodes_and_the_fleets_and_cleared_once()
    {
        var cluster = new Cluster();
        for (var round = 0; round < 3; round++) // every 5 s the same announcements: told once, not every round
        {
            cluster.Announce(A, X, T0.AddSeconds(round * 5));
            cluster.Announce(B, X, T0.AddSeconds(round * 5));
            cluster.Announce(C, Y, T0.AddSeconds(round * 5 + 1));
        }
        var mismatch = Assert.Single(cluster.Published);
        Assert.Equal((A, false, EventSeverity.Critical, "fleet.mismatch"), (mismatch.ReportedBy, mismatch.Agrees, mismatch.Severity, mismatch.Kind));
        Assert.Equal($"{X}+{Y}", mismatch.Fingerprints);
        Assert.Equal($"Supervisor nodes run different fleets: {A}, {B} run {Summary(X)}; {C} runs {Summary(Y)}. Two of them may run the same group at once: " +
                     "give every supervisor node the same supervisor.devices, supervisor.groups members and supervisor.placement, then restart them one by one",
            mismatch.Message);

        cluster.Announce(C, X, T0.AddSeconds(20));
        cluster.Announce(C, X, T0.AddSeconds(25));
        var resolved = cluster.Published[1];
        Assert.Equal(2, cluster.Published.Count);
        Assert.Equal((true, EventSeverity.Info, "fleet.mismatch-resolved"), (resolved.Agrees, resolved.Severity, resolved.Kind));
        Assert.Equal($"Supervisor nodes run the same fleet again: {A}, {B}, {C} run {Summary(X)}", resolved.Message);
    }

    [Fact]
    public void A_different_set_of_fleets_should_be_a_new_mismatch_and_a_node_that_left_should_stop_counting()
    {
        var s = FleetConsistency.Heard(FleetConsistencyState.Empty, A, A, X, Summary(X), T0).Next;
        var first = FleetConsistency.Heard(s, A, B, Y, Summary(Y), T0);
        Assert.Equal($"{X}+{Y}", first.Publish!.Fingerprints);
        var second = FleetConsistency.Heard(first.Next, A, C, Z, Summary(Z), T0.AddSeconds(1));
        Assert.Equal($"{X}+{Y}+{Z}", second.Publish!.Fingerprints);

        var stillThere = FleetConsistency.Expire(second.Next, A, TimeSpan.FromSeconds(20), T0.AddSeconds(15));
        Assert.Null(stillThere.Publish);
        var gone = FleetConsistency.Expire(stillThere.Next, A, TimeSpan.FromSeconds(20), T0.AddSeconds(30)); // B and C stopped announcing
        Assert.True(gone.Publish!.Agrees);
        Assert.Equal([A], gone.Next.Nodes.Keys);
    }

    [Fact]
    public void A_node_that_never_heard_the_odd_node_should_adopt_the_reported_mismatch_and_clear_it_once_that_node_is_forgotten()
    {
        var onA = FleetConsistency.Heard(FleetConsistencyState.Empty, B, B, X, Summary(X), T0).Next; // B: only itself heard
        var reported = new FleetMismatchChanged(A, false, [new(Y, Summary(Y), [A]), new(X, Summary(X), [B])], T0.AddSeconds(1));
        var told = FleetConsistency.Told(onA, B, reported);
        Assert.Equal($"{X}+{Y}", told.Reported);
        Assert.Null(FleetConsistency.Expire(told, B, TimeSpan.FromSeconds(20), T0.AddSeconds(10)).Publish); // A may still be there
        var cleared = FleetConsistency.Expire(told, B, TimeSpan.FromSeconds(20), T0.AddSeconds(30)).Publish; // A died, B now reports
        Assert.Equal((B, true), (cleared!.ReportedBy, cleared.Agrees));
        Assert.Same(onA, FleetConsistency.Told(onA, A, reported)); // its own report changes nothing
    }

    [Fact]
    public void A_mismatch_should_notify_by_default_and_a_repeat_from_another_reporter_should_report_the_same_condition()
    {
        FleetVariant[] variants = [new(X, Summary(X), [A]), new(Y, Summary(Y), [B])];
        var byA = NotificationFactory.Build(new FleetMismatchChanged(A, false, variants, T0));
        var byB = NotificationFactory.Build(new FleetMismatchChanged(B, false, variants, T0.AddSeconds(9)));
        var cleared = new FleetMismatchChanged(A, true, [new(X, Summary(X), [A, B])], T0.AddSeconds(30));
        Assert.True(NotificationFactory.NotifiesByDefault(new FleetMismatchChanged(A, false, variants, T0)));
        Assert.True(NotificationFactory.NotifiesByDefault(cleared));
        Assert.Equal("supervisor nodes run 2 different fleets", byA.Title);
        Assert.Equal($"{A},{B}", byA.Fields["nodes"]);
        Assert.NotEqual(byA.Id, byB.Id);
        Assert.Equal(NotificationConditions.For(byA), NotificationConditions.For(byB));
        Assert.NotEqual(NotificationConditions.For(byA), NotificationConditions.For(NotificationFactory.Build(cleared)));
    }
}
