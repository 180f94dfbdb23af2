namespace Supervisor.Domain.Tests.Groups;

/// <summary>
/// Quorum invariants over random input sequences: health changes, ticks and saga endings interleaved.
/// </summary>
public class GroupPropertyTests
{
    private static readonly string[] Members = ["a", "b", "c"];

    /// <summary>One generated input as (kind, member, health, outcome, seconds since previous input).</summary>
    public sealed record Op(int Kind, string Member, DeviceHealth Health, SagaOutcome Outcome, int Delay);

    public sealed record Scenario(int MinHealthy, CountsAs Degraded, CountsAs Unknown, int Grace, int Rearm, Op[] Ops)
    {
        public GroupPolicy Policy => new("g", Members, MinHealthy, Degraded, Unknown, TimeSpan.FromSeconds(Grace), TimeSpan.FromSeconds(Rearm));
        public override string ToString() =>
            $"min={MinHealthy} deg={Degraded} unk={Unknown} grace={Grace} rearm={Rearm} ops=[{string.Join("; ", Ops.Select(o => $"{o.Kind}:{o.Member}:{o.Health}:{o.Outcome}:+{o.Delay}"))}]";
    }

    public static class Arbs
    {
        public static Arbitrary<Scenario> Scenarios()
        {
            var op = from kind in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
                     from member in Gen.Elements(Members)
                     from health in Gen.Elements(Enum.GetValues<DeviceHealth>())
                     from outcome in Gen.Elements(Enum.GetValues<SagaOutcome>())
                     from delay in Gen.Choose(0, 40)
                     select new Op(kind, member, health, outcome, delay);
            var scenario = from min in Gen.Choose(1, 3)
                           from deg in Gen.Elements(CountsAs.Healthy, CountsAs.Critical) // degraded is only for unknown-counts-as
                           from unk in Gen.Elements(Enum.GetValues<CountsAs>())
                           from grace in Gen.Choose(0, 60)
                           from rearm in Gen.Choose(0, 120)
                           from ops in op.ArrayOf()
                           select new Scenario(min, deg, unk, grace, rearm, ops);
            return scenario.ToArbitrary();
        }
    }

    /// <summary>Runs a scenario, calling <paramref name="check"/> after every step with (before, input, step).</summary>
    private static void Run(Scenario s, Action<GroupMachine, GroupInput, GroupStep> check) =>
        GroupDriver.RunOps(s.Policy, s.Ops, op => op.Delay, (op, m, now) => op.Kind switch
        {
            0 => new MemberHealthChanged(op.Member, op.Health, now),
            1 => new GroupTick(now),
            _ => (GroupInput)new SagaFinished(m.ActiveSagaId ?? "none", op.Outcome, "random", now),
        }, check);

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void No_saga_should_start_while_quorum_holds_after_grace(Scenario s) =>
        Run(s, (_, _, step) =>
        {
            if (step.Effects.OfType<StartSaga>().Any())
                Assert.False(step.Next.LastCount!.Holds, $"saga started with quorum holding: {step.Next.LastCount}");
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void No_saga_should_start_during_grace_unless_every_member_is_critical(Scenario s) =>
        Run(s, (_, input, step) =>
        {
            if (step.Effects.OfType<StartSaga>().Any() && input.At < GroupDriver.T0.AddSeconds(s.Grace))
                Assert.True(step.Next.LastCount!.AllCritical);
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void At_most_one_saga_should_run_per_episode(Scenario s) =>
        Run(s, (before, _, step) =>
        {
            var starts = step.Effects.OfType<StartSaga>().ToList();
            Assert.True(starts.Count <= 1);
            if (starts.Count == 1)
            {
                Assert.Equal(EpisodePhase.Armed, before.Phase); // never while a saga runs or before re-arm
                Assert.Equal(before.Episode + 1, starts[0].Episode);
            }
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void A_new_episode_should_always_be_possible_after_rearm(Scenario s) =>
        Run(s, (_, input, step) =>
        {
            if (!step.Events.OfType<GroupRearmed>().Any()) return;
            // Every member turns CRITICAL right after re-arm: a saga must start, the old episode must not block it.
            var m = step.Next;
            var at = input.At.AddSeconds(1);
            var started = 0;
            foreach (var member in Members)
            {
                var next = GroupRules.Handle(m, new MemberHealthChanged(member, DeviceHealth.Critical, at), s.Policy);
                started += next.Effects.OfType<StartSaga>().Count();
                m = next.Next;
            }
            Assert.Equal(1, started);
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void Power_should_only_be_called_restored_on_evidence_never_on_unknown_members(Scenario s) =>
        Run(s, (_, _, step) =>
        {
            if (step.Effects.OfType<NotifyPowerRestored>().Any())
                Assert.True(step.Next.LastCount!.HealthyOnEvidence >= s.MinHealthy, $"restored with {step.Next.LastCount}");
        });

    [Property(MaxTest = 1000, Arbitrary = [typeof(Arbs)])]
    public void Replaying_events_should_rebuild_the_persisted_phase_and_episode(Scenario s)
    {
        var events = new List<GroupEvent>();
        GroupMachine last = GroupMachine.Initial(GroupDriver.T0);
        Run(s, (_, _, step) => { events.AddRange(step.Events); last = step.Next; });
        var replayed = events.Aggregate(GroupMachine.Initial(GroupDriver.T0), GroupRules.Apply);
        Assert.Equal((last.Phase, last.Episode, last.ActiveSagaId), (replayed.Phase, replayed.Episode, replayed.ActiveSagaId));
    }
}
