namespace Supervisor.Domain.Tests.Sagas;

/// <summary>A person aborting a running saga (<c>sagas abort</c>, the API): it ends at once, naming who, and sends nothing more.</summary>
public class SagaAbortTests
{
    [Fact]
    public void Abort_should_end_a_running_saga_naming_who_asked()
    {
        var s = new SagaDriver();
        s.Begin();
        var aborted = Assert.IsType<SagaAborted>(Assert.Single(s.Send(new AbortRequested("alice@ops-1", SagaDriver.T0.AddSeconds(5)))));
        Assert.Equal("aborted by alice@ops-1", aborted.Reason);
        Assert.Equal(SagaStatus.Aborted, s.State.Status);
        Assert.Empty(s.Tick(200)); // nothing resent, nothing timed out
    }

    [Fact]
    public void Abort_should_still_abort_after_an_irreversible_dispatch_and_say_that_step_may_run()
    {
        var s = new SagaDriver();
        s.Begin();
        s.AckPhase(1);
        s.AckPhase(2);
        var aborted = Assert.IsType<SagaAborted>(Assert.Single(s.Send(new AbortRequested("ops", SagaDriver.T0.AddSeconds(10)))));
        Assert.Contains("irreversible step 3.1-local-host-hv-1-poweroff was already dispatched and may still run", aborted.Reason);
    }

    [Fact]
    public void Abort_should_do_nothing_when_the_saga_already_ended()
    {
        var s = new SagaDriver();
        s.Begin();
        s.Send(new AbortRequested("first", SagaDriver.T0.AddSeconds(1)));
        Assert.Empty(s.Send(new AbortRequested("second", SagaDriver.T0.AddSeconds(2))));
        Assert.Equal("aborted by first", s.State.EndReason);
    }
}
