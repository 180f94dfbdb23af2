namespace Supervisor.Domain.Tests.Agents;

/// <summary>The agent's at-most-once rules over random interleavings of requests, redeliveries, action ends and restarts.</summary>
public class AgentPropertyTests
{
    /// <summary>Kind: 0 request (allowed or not, this host or not), 1 the action ends, 2 the agent restarts.</summary>
    public sealed record Op(int Kind, int Step, bool Ok, bool OtherHost, bool Allowed);

    public static class Arbs
    {
        public static Arbitrary<Op[]> Ops() =>
            (from kind in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
             from step in Gen.Choose(0, 3)
             from ok in Gen.Elements(true, false)
             from otherHost in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
             from allowed in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
             select new Op(kind, step, ok, otherHost, allowed)).ArrayOf().ToArbitrary();
    }

    private static void Run(Op[] ops, Action<AgentDriver, AgentStepRecord?, Op, AgentDecision> check)
    {
        var agent = new AgentDriver();
        foreach (var op in ops)
        {
            agent.Now = agent.Now.AddSeconds(1);
            var stepId = $"1.{op.Step + 1}-step";
            if (op.Kind == 2)
            {
                agent.Restart();
                continue;
            }
            var before = agent.State.Find(new("rack-a-1", stepId));
            var decision = op.Kind == 0
                ? agent.Request(stepId, action: op.Allowed ? "stop-vms" : "rm-rf", host: op.OtherHost ? "hv-2" : "hv-1")
                : agent.End(stepId, op.Ok);
            check(agent, before, op, decision);
        }
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void A_step_should_start_at_most_once_whatever_the_order_of_redeliveries_and_restarts(Op[] ops) =>
        Run(ops, (agent, _, _, _) => Assert.All(agent.Runs.Values, runs => Assert.Equal(1, runs)));

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void A_finished_step_should_always_be_answered_from_the_same_record(Op[] ops) =>
        Run(ops, (agent, before, op, decision) =>
        {
            if (before is not { Status: AgentStepStatus.Finished, Outcome: { } record }) return;
            Assert.Empty(decision.Events);
            if (op.Kind == 0) Assert.Equal(record, Assert.IsType<AnswerFromRecord>(decision).Record);
            else Assert.IsType<IgnoreOutcome>(decision);
        });

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbs)])]
    public void A_step_should_never_be_waited_for_after_a_restart_so_every_request_is_answered(Op[] ops) =>
        Run(ops, (agent, before, _, decision) =>
        {
            if (decision is AwaitRunningStep) Assert.Equal(AgentStepStatus.Running, before!.Status);
            if (before is { Status: AgentStepStatus.StartedBeforeRestart }) Assert.IsNotType<StartAction>(decision);
        });

    [Property(MaxTest = 1000, Arbitrary = [typeof(Arbs)])]
    public void Replaying_the_journal_should_give_back_every_record_as_it_was(Op[] ops) =>
        Run(ops, (agent, _, _, _) =>
        {
            var replayed = AgentRules.Replay(agent.Journal);
            foreach (var (key, record) in agent.State.Steps)
            {
                var expected = record.Status == AgentStepStatus.Running ? record with { Status = AgentStepStatus.StartedBeforeRestart } : record;
                Assert.Equal(expected, replayed.Find(key));
            }
            Assert.Equal(agent.State.Steps.Count, replayed.Steps.Count);
        });
}
