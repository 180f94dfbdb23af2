using Supervisor.Domain.Tests.Sagas;

namespace Supervisor.Domain.Tests.Events;

public class SagaFactsTests
{
    /// <summary>Runs a whole saga and turns its journal into facts the way the saga actor does: state after each event, 1-based sequence numbers.</summary>
    private static List<SagaProgressed> FactsOfAFullSaga()
    {
        var s = new SagaDriver();
        s.Begin();
        s.AckPhase(5);
        s.AckPhase(10);
        s.AckPhase(15);
        var state = SagaState.Empty("rack-a-1");
        var facts = new List<SagaProgressed>();
        for (var i = 0; i < s.Journal.Count; i++)
        {
            state = SagaRules.Apply(state, s.Journal[i]);
            facts.Add(SagaFacts.From(state, s.Journal[i], i + 1));
        }
        return facts;
    }

    [Fact]
    public void From_should_give_each_journaled_event_an_id_from_saga_and_sequence_number()
    {
        var facts = FactsOfAFullSaga();
        Assert.Equal(facts.Select((_, i) => $"saga-rack-a-1#{i + 1}"), facts.Select(f => f.Id));
        Assert.All(facts, f => Assert.Equal("rack-a", f.GroupId));
    }

    [Fact]
    public void From_should_name_kind_host_and_action_of_a_dispatched_step()
    {
        var dispatched = FactsOfAFullSaga().First(f => f.Kind == "saga.step-dispatched");
        Assert.Equal(("1.1-vms-hv-1-stop-vms", "hv-1", "stop-vms", 1), (dispatched.StepId, dispatched.Host, dispatched.Action, dispatched.Attempt));
        Assert.Equal("Saga rack-a-1: step 1.1-vms-hv-1-stop-vms dispatched to host hv-1 (action stop-vms, deadline in 120s)", dispatched.Message);
        Assert.Equal(EventSeverity.Info, dispatched.Severity);
    }

    [Fact]
    public void From_should_tell_the_story_in_order_from_started_to_completed()
    {
        var kinds = FactsOfAFullSaga().Select(f => f.Kind).ToList();
        Assert.Equal("saga.started", kinds[0]);
        Assert.Equal("saga.completed", kinds[^1]);
        Assert.Equal(4, kinds.Count(k => k == "saga.step-succeeded"));
        Assert.Equal(3, kinds.Count(k => k == "saga.phase-completed"));
    }

    [Fact]
    public void From_should_mark_start_completion_and_failures_critical()
    {
        var s = new SagaDriver();
        var started = s.Begin();
        var failed = s.Ack(s.StepId(0, 0), 5, ok: false).OfType<StepFailed>().Single();
        Assert.Equal(EventSeverity.Critical, SagaFacts.From(s.State, started[0], 1).Severity);
        var fact = SagaFacts.From(s.State, failed, 5);
        Assert.Equal((EventSeverity.Critical, "saga.step-failed"), (fact.Severity, fact.Kind));
        Assert.Contains("FAILED (exit 1): boom", fact.Message);
    }

    [Fact]
    public void From_should_warn_on_a_resend()
    {
        var s = new SagaDriver();
        s.Begin();
        var resent = s.Tick(6).OfType<StepDispatched>().First();
        var fact = SagaFacts.From(s.State, resent, 9);
        Assert.Equal((2, EventSeverity.Warning), (fact.Attempt, fact.Severity));
        Assert.Contains("re-sent to host hv-1 (attempt 2)", fact.Message);
    }
}
