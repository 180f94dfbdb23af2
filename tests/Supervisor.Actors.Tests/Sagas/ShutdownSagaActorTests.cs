using Supervisor.Actors.Sagas;

namespace Supervisor.Actors.Tests.Sagas;

public class ShutdownSagaActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private static SagaPlan Plan(string sagaId = "rack-a-1", PowerRestoredPolicy policy = PowerRestoredPolicy.Abort, double timeout = 30, double retrySeconds = 1) =>
        SagaPlan.Build(sagaId, new GroupSettings("rack-a", ["ups-a"], 1, CountsAs.Healthy, CountsAs.Critical, null, TimeSpan.FromSeconds(60),
            new ShutdownSettings(TimeSpan.FromSeconds(60), policy, TimeSpan.FromSeconds(retrySeconds),
            [
                new PhaseSettings("vms", [new StepSettings("hv-1", "stop-vms", TimeSpan.FromSeconds(timeout), false), new StepSettings("hv-2", "stop-vms", TimeSpan.FromSeconds(timeout), false)]),
                new PhaseSettings("local-host", [new StepSettings("hv-1", "poweroff", TimeSpan.FromSeconds(timeout), true)]),
            ])));

    private IActorRef StartSaga(TestProbe agents, SagaPlan plan, string name = "saga") =>
        ChildActorOf(ShutdownSagaActor.Props(plan, null, "test outage", agents), name);

    /// <summary>A saga of the default plan and its agents probe, once its first step (to hv-1) was sent.</summary>
    private (TestProbe Agents, IActorRef Saga) SagaAtItsFirstStep()
    {
        var agents = CreateTestProbe();
        var saga = StartSaga(agents, Plan());
        ExpectStep(agents, "hv-1");
        return (agents, saga);
    }

    private static ExecuteStep ExpectStep(TestProbe agents, string host)
    {
        var publish = agents.ExpectMsg<Publish>(TimeSpan.FromSeconds(15));
        Assert.Equal(ClusterNames.Topics.Agent(host), publish.Topic);
        return Assert.IsType<ExecuteStep>(publish.Message);
    }

    private static StepResult Ok(ExecuteStep s) => new(s.SagaId, s.StepId, s.Host, true, 0, "done", true, false);

    [Fact]
    public void Saga_should_dispatch_phases_in_order_and_tell_its_group_when_complete()
    {
        var agents = CreateTestProbe();
        var saga = StartSaga(agents, Plan(retrySeconds: 60)); // no resends to muddle the order check
        var first = new[] { ExpectStep(agents, "hv-1"), ExpectStep(agents, "hv-2") };
        Assert.Equal(["1.1-vms-hv-1-stop-vms", "1.2-vms-hv-2-stop-vms"], first.Select(s => s.StepId));
        agents.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // local-host waits for the vms phase

        foreach (var s in first) saga.Tell(Ok(s));
        var last = ExpectStep(agents, "hv-1");
        Assert.Equal("2.1-local-host-hv-1-poweroff", last.StepId);
        saga.Tell(Ok(last));

        var ended = ExpectMsg<SagaEnded>();
        Assert.Equal((SagaOutcome.Completed, "rack-a-1"), (ended.Outcome, ended.SagaId));
    }

    [Fact]
    public void Saga_should_resend_a_step_until_acked()
    {
        var agents = CreateTestProbe();
        StartSaga(agents, Plan());
        ExpectStep(agents, "hv-1");
        ExpectStep(agents, "hv-2");
        var resent = new[] { ExpectStep(agents, "hv-1"), ExpectStep(agents, "hv-2") };
        Assert.All(resent, r => Assert.Equal(2, r.Attempt));
    }

    [Fact]
    public void Saga_should_abort_and_tell_its_group_when_power_returns_before_an_irreversible_step()
    {
        var (agents, saga) = SagaAtItsFirstStep();
        saga.Tell(new PowerRestored("quorum restored", DateTimeOffset.UtcNow));
        var ended = ExpectMsg<SagaEnded>();
        Assert.Equal(SagaOutcome.Aborted, ended.Outcome);
        Assert.Contains("before any irreversible step", ended.Reason);
    }

    [Fact]
    public void Saga_should_resume_after_a_crash_without_redispatching_acked_steps()
    {
        var agents = CreateTestProbe();
        var saga = StartSaga(agents, Plan(timeout: 300));
        var hv1 = ExpectStep(agents, "hv-1");
        ExpectStep(agents, "hv-2");
        saga.Tell(Ok(hv1));
        AwaitAssert(() => Assert.Contains(JournalEvents("rack-a-1"), e => e is StepSucceeded)); // journaled before the "crash"
        Watch(saga);
        Sys.Stop(saga);
        ExpectTerminated(saga);
        agents.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m); // drop resends in flight

        // The operator sees which steps a resumed saga sends again (fail-over timing is read from this line).
        var resumed = EventFilter.Warning(contains: "step 1.2-vms-hv-2-stop-vms re-sent to host hv-2 after resume").ExpectOne(TimeSpan.FromSeconds(15),
            () => StartSaga(agents, Plan(timeout: 300), name: "saga-again"));
        var resend = ExpectStep(agents, "hv-2");
        Assert.Equal("1.2-vms-hv-2-stop-vms", resend.StepId);
        Assert.True(resend.Attempt >= 2);
        resumed.Tell(Ok(resend));
        Assert.Equal("2.1-local-host-hv-1-poweroff", FishStep(agents).StepId);
    }

    [Fact]
    public void Saga_that_already_finished_should_report_its_outcome_again_when_recreated()
    {
        var (agents, saga) = SagaAtItsFirstStep();
        saga.Tell(new PowerRestored("back", DateTimeOffset.UtcNow));
        Assert.Equal(SagaOutcome.Aborted, ExpectMsg<SagaEnded>().Outcome);

        // The group may have crashed before journaling the end: a re-created saga must say it again, and send nothing.
        StartSaga(agents, Plan(), name: "saga-again");
        Assert.Equal(SagaOutcome.Aborted, ExpectMsg<SagaEnded>().Outcome);
        agents.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
        agents.ExpectNoMsg(TimeSpan.FromSeconds(1.5));
    }

    private static ExecuteStep FishStep(TestProbe agents)
    {
        var p = (Publish)agents.FishForMessage(m => m is Publish { Message: ExecuteStep { Attempt: 1 } }, TimeSpan.FromSeconds(15));
        return (ExecuteStep)p.Message;
    }

    private List<object> JournalEvents(string sagaId)
    {
        var probe = CreateTestProbe();
        var journal = Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);
        journal.Tell(new Akka.Persistence.ReplayMessages(0, long.MaxValue, long.MaxValue, ShutdownSagaActor.PersistenceIdFor(sagaId), probe.Ref));
        var events = new List<object>();
        probe.FishForMessage(m =>
        {
            if (m is Akka.Persistence.ReplayedMessage r) events.Add(r.Persistent.Payload);
            return m is Akka.Persistence.RecoverySuccess or Akka.Persistence.ReplayMessagesFailure;
        }, TimeSpan.FromSeconds(5));
        return events;
    }
}
