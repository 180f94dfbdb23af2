namespace Supervisor.Domain.Tests.Sagas;

/// <summary>Saga invariants over random interleavings of ticks, acks, power restores and runtime updates.</summary>
public class SagaPropertyTests
{
    public sealed record Op(int Kind, int Step, bool Ok, int Delay, int Runtime);

    public static class Arbs
    {
        public static Arbitrary<Op[]> Ops() =>
            (from kind in Gen.Frequency((5, Gen.Constant(0)), (5, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
             from step in Gen.Choose(0, 3)
             from ok in Gen.Elements(true, false)
             from delay in Gen.Choose(0, 30)
             from runtime in Gen.Choose(0, 400)
             select new Op(kind, step, ok, delay, runtime)).ArrayOf().ToArbitrary();
    }

    /// <summary>Begins a saga, plays the ops into it and checks every step (the state before, the command, the events); returns the driver for its journal.</summary>
    private static SagaDriver Run(Op[] ops, PowerRestoredPolicy policy, Action<SagaState, SagaCommand, IReadOnlyList<SagaEvent>> check)
    {
        var s = new SagaDriver();
        var now = SagaDriver.T0;
        check(s.State, new SagaTick(now), s.Begin(SagaDriver.Group(policy)));
        foreach (var op in ops)
        {
            now = now.AddSeconds(op.Delay);
            var stepId = s.State.Steps[op.Step].Step.StepId;
            SagaCommand c = op.Kind switch
            {
                0 => new SagaTick(now),
                1 => new StepReported(stepId, op.Ok, 0, "x", now),
                2 => new PowerRestored("back", now),
                _ => new RuntimeEstimated(TimeSpan.FromSeconds(op.Runtime), now),
            };
            var before = s.State;
            check(before, c, s.Send(c));
        }
        return s;
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void Phases_should_run_in_order_and_steps_succeed_only_on_ack(Op[] ops)
    {
        var s = Run(ops, PowerRestoredPolicy.Continue, (_, c, events) =>
        {
            if (c is not StepReported) Assert.Empty(events.OfType<StepSucceeded>());
            Assert.True(events.OfType<StepSucceeded>().Count() + events.OfType<StepFailed>().Count() <= 1);
        });
        // Journal order: every step of phase k ended before any step of phase k+1 was first dispatched.
        var ended = new HashSet<string>();
        var phaseOf = s.State.Steps.ToDictionary(x => x.Step.StepId, x => x.PhaseIndex);
        foreach (var e in s.Journal)
        {
            switch (e)
            {
                case StepSucceeded or StepFailed or StepTimedOut:
                    ended.Add(e switch { StepSucceeded x => x.StepId, StepFailed x => x.StepId, StepTimedOut x => x.StepId, _ => "" });
                    break;
                case StepDispatched { Attempt: 1 } d:
                    var earlier = phaseOf.Where(p => p.Value < phaseOf[d.StepId]).Select(p => p.Key);
                    Assert.All(earlier, id => Assert.Contains(id, ended));
                    break;
            }
        }
        if (s.State.Status == SagaStatus.Completed) Assert.All(s.State.Steps, x => Assert.True(x.Ended));
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void A_finished_saga_should_emit_nothing_more(Op[] ops) =>
        Run(ops, PowerRestoredPolicy.Abort, (before, _, events) =>
        {
            if (before.IsFinished) Assert.Empty(events);
        });

    [Property(MaxTest = 1000, Arbitrary = [typeof(Arbs)])]
    public void Abort_should_never_follow_an_irreversible_dispatch(Op[] ops) =>
        Run(ops, PowerRestoredPolicy.Abort, (before, _, events) =>
        {
            if (before.IrreversibleStepDispatched is not null) Assert.Empty(events.OfType<SagaAborted>());
        });
}
