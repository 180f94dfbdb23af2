using System.Collections.Immutable;

namespace Supervisor.Domain.Tests.Groups;

/// <summary>
/// Maintenance invariants over random inputs: health changes, ticks, saga endings and maintenance starts and ends
/// interleaved. The rule: maintenance never causes a shutdown and never hides one.
/// </summary>
public class MaintenancePropertyTests
{
    private static readonly string[] Members = ["a", "b", "c"];

    /// <summary>Kind: 0 health, 1 tick, 2 saga ends, 3 maintenance start (for Minutes), 4 maintenance end.</summary>
    public sealed record Op(int Kind, string Member, DeviceHealth Health, SagaOutcome Outcome, int Minutes, int Delay);

    public sealed record Scenario(int MinHealthy, CountsAs Unknown, int Grace, Op[] Ops)
    {
        public GroupPolicy Policy => new("g", Members, MinHealthy, CountsAs.Healthy, Unknown, TimeSpan.FromSeconds(Grace), TimeSpan.FromSeconds(30));
        public override string ToString() =>
            $"min={MinHealthy} unk={Unknown} grace={Grace} ops=[{string.Join("; ", Ops.Select(o => $"{o.Kind}:{o.Member}:{o.Health}:{o.Minutes}m:+{o.Delay}"))}]";
    }

    public static class Arbs
    {
        public static Arbitrary<Scenario> Scenarios()
        {
            var op = from kind in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)), (2, Gen.Constant(3)), (1, Gen.Constant(4)))
                     from member in Gen.Elements(Members)
                     from health in Gen.Elements(Enum.GetValues<DeviceHealth>())
                     from outcome in Gen.Elements(Enum.GetValues<SagaOutcome>())
                     from minutes in Gen.Choose(0, 3)
                     from delay in Gen.Choose(0, 90)
                     select new Op(kind, member, health, outcome, minutes, delay);
            return (from min in Gen.Choose(1, 3)
                    from unk in Gen.Elements(Enum.GetValues<CountsAs>())
                    from grace in Gen.Choose(0, 30)
                    from ops in op.ArrayOf()
                    select new Scenario(min, unk, grace, ops)).ToArbitrary();
        }

        public static Arbitrary<(ImmutableDictionary<string, DeviceHealth> Health, string[] Away, DeviceHealth[] Other)> Counts() =>
            (from h in Gen.Elements(Enum.GetValues<DeviceHealth>()).ArrayOf(3)
             from away in Gen.SubListOf(Members)
             from other in Gen.Elements(Enum.GetValues<DeviceHealth>()).ArrayOf(3)
             select (Members.Zip(h).ToImmutableDictionary(x => x.First, x => x.Second), away.ToArray(), other)).ToArbitrary();
    }

    private static void Run(Scenario s, Action<GroupMachine, GroupInput, GroupStep> check) =>
        GroupDriver.RunOps(s.Policy, s.Ops, op => op.Delay, (op, m, now) => op.Kind switch
        {
            0 => new MemberHealthChanged(op.Member, op.Health, now),
            1 => new GroupTick(now),
            2 => new SagaFinished(m.ActiveSagaId ?? "none", op.Outcome, "random", now),
            3 => new MaintenanceRequested(op.Member, TimeSpan.FromMinutes(op.Minutes), "random", "prop", now),
            _ => (GroupInput)new MaintenanceEndRequested(op.Member, "prop", now),
        }, check);

    [Property(MaxTest = 1000, Arbitrary = [typeof(Arbs)])]
    public void A_member_in_maintenance_should_count_neither_healthy_nor_failed_whatever_its_health(
        (ImmutableDictionary<string, DeviceHealth> Health, string[] Away, DeviceHealth[] Other) x)
    {
        var policy = new GroupPolicy("g", Members, 1, CountsAs.Healthy, CountsAs.Critical, TimeSpan.Zero, TimeSpan.Zero);
        var away = x.Away.ToImmutableDictionary(d => d, d => new MaintenanceWindow(d, GroupDriver.T0, GroupDriver.T0.AddHours(1), "r", "b"));
        var count = QuorumCount.Of(policy, x.Health, away);
        // Any other health for the members in maintenance gives the same count...
        var changed = x.Health.SetItems(x.Away.Select((d, i) => KeyValuePair.Create(d, x.Other[i])));
        Assert.Equal(count, QuorumCount.Of(policy, changed, away));
        // ...which is the count of a group made of the others only.
        var rest = QuorumCount.Of(policy with { Members = Members.Except(x.Away).ToList() }, x.Health);
        Assert.Equal((rest.Healthy, rest.HealthyOnEvidence, rest.Members, rest.AllCritical, rest.AllHealthy, x.Away.Length),
            (count.Healthy, count.HealthyOnEvidence, count.Members, count.AllCritical, count.AllHealthy, count.InMaintenance));
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void A_maintenance_start_or_end_should_never_start_a_saga_nor_end_one_when_started(Scenario s) =>
        Run(s, (before, input, step) =>
        {
            // Time passing (grace ending) may start a saga at any input; a start or an end must not start one that a tick
            // at the same moment would not (a member back in the count never lowers the healthy count).
            var byTime = GroupRules.Handle(before, new GroupTick(input.At), s.Policy).Effects.OfType<StartSaga>().Count();
            if (input is MaintenanceRequested or MaintenanceEndRequested)
                Assert.True(step.Effects.OfType<StartSaga>().Count() <= byTime, $"{input} started a saga");
            if (input is not MaintenanceRequested || step.Refusal is not null) return;
            Assert.Empty(step.Effects);
            Assert.True(step.Next.LastCount!.Holds, $"accepted with {step.Next.LastCount}");
            Assert.Equal(EpisodePhase.Armed, before.Phase);
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void Maintenance_should_never_hide_a_lost_quorum_after_grace(Scenario s) =>
        Run(s, (_, _, step) =>
        {
            var m = step.Next;
            if (m.GraceOver && m.LastCount is { Holds: false })
                Assert.NotEqual(EpisodePhase.Armed, m.Phase); // a saga started (or one runs, or a finished one awaits re-arm)
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void Quorum_should_be_the_healthy_members_not_in_maintenance_against_min_healthy(Scenario s) =>
        Run(s, (_, _, step) =>
        {
            var m = step.Next;
            if (m.LastCount is not { } count || step.Refusal is not null) return;
            var rest = Members.Where(d => !m.Maintenance.ContainsKey(d)).ToList();
            Assert.Equal(rest.Count, count.Members);
            Assert.Equal(QuorumCount.Of(s.Policy with { Members = rest }, m.Members).Healthy, count.Healthy);
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void No_window_should_outlive_its_end_and_expiry_should_say_so(Scenario s) =>
        Run(s, (before, input, step) =>
        {
            Assert.All(step.Next.Maintenance.Values, w => Assert.True(w.Until > input.At, $"{w.DeviceId} still in maintenance at its end"));
            foreach (var gone in before.Maintenance.Values.Where(w => w.Until <= input.At))
                Assert.Contains(step.Events.OfType<MaintenanceEnded>(), e => e.DeviceId == gone.DeviceId && e.Cause == MaintenanceEndCause.Expired);
        });

    [Property(MaxTest = 1000, Arbitrary = [typeof(Arbs)])]
    public void Replaying_events_should_rebuild_the_windows(Scenario s)
    {
        var events = new List<GroupEvent>();
        var last = GroupMachine.Initial(GroupDriver.T0);
        Run(s, (_, _, step) => { events.AddRange(step.Events); last = step.Next; });
        var replayed = events.Aggregate(GroupMachine.Initial(GroupDriver.T0), GroupRules.Apply);
        Assert.Equal(last.Maintenance.Values.OrderBy(w => w.DeviceId), replayed.Maintenance.Values.OrderBy(w => w.DeviceId));
    }
}
