using Supervisor.Actors.Sagas;
using Supervisor.Actors.Tests.Devices;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Tests.Events;

/// <summary>Design §11: each actor publishes its facts on the local event stream, and a restarted saga publishes the same ids again.</summary>
public class PublishedFactsTests(ITestOutputHelper output) : DeviceActorSpec(output)
{
    private TestProbe Subscribe<T>()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(T));
        return probe;
    }

    [Fact]
    public void Device_should_publish_a_sample_per_poll_and_an_event_when_its_health_changes()
    {
        var samples = Subscribe<DeviceSampled>();
        var changes = Subscribe<DeviceHealthChanged>();
        _driver.AnswerOnLine();
        Device();
        var first = samples.ExpectMsg<DeviceSampled>(Patience);
        Assert.Equal(("ups-a", "fake"), (first.DeviceId, first.Driver));
        var healthy = changes.FishForMessage<DeviceHealthChanged>(c => c.To == DeviceHealth.Healthy, Patience);
        Assert.Equal(DeviceHealth.Unknown, healthy.From);

        _driver.AnswerOnBattery(charge: 64);
        var degraded = changes.FishForMessage<DeviceHealthChanged>(c => c.To == DeviceHealth.Degraded, Patience);
        Assert.Equal(64, degraded.Reading?.ChargePercent);
        var sample = samples.FishForMessage<DeviceSampled>(s => s.Health == DeviceHealth.Degraded, Patience);
        Assert.Equal((64.0, (string?)null), (sample.Reading?.ChargePercent, sample.PollError));
    }

    [Fact]
    public void Device_should_publish_a_sample_with_the_error_when_a_poll_fails()
    {
        var samples = Subscribe<DeviceSampled>();
        _driver.Fail(new DeviceException("ups-a", "connection refused by upsd"));
        Device();
        var failed = samples.FishForMessage<DeviceSampled>(s => s.PollError is not null, Patience);
        Assert.Null(failed.Reading);
        Assert.Contains("connection refused", failed.PollError);
    }

    private static SagaPlan Plan() => SagaPlan.Build("rack-a-1", new GroupSettings("rack-a", ["ups-a"], 1, CountsAs.Healthy, CountsAs.Critical, null,
        TimeSpan.FromSeconds(60), new ShutdownSettings(TimeSpan.FromSeconds(60), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(60),
            [new PhaseSettings("vms", [new StepSettings("hv-1", "stop-vms", TimeSpan.FromSeconds(30), false)])])));

    [Fact]
    public void Saga_should_publish_each_journaled_event_once_and_the_same_ids_again_after_a_restart()
    {
        var facts = Subscribe<SagaProgressed>();
        var agents = CreateTestProbe();
        var saga = ChildActorOf(ShutdownSagaActor.Props(Plan(), null, "test outage", agents), "saga");
        agents.FishForMessage(m => m is Publish { Message: ExecuteStep }, Patience);
        var live = facts.ReceiveWhile(TimeSpan.FromSeconds(1), m => (SagaProgressed)m).ToList();
        Assert.Equal(["saga.started", "saga.phase-started", "saga.step-dispatched"], live.Select(f => f.Kind));
        Assert.Equal(["saga-rack-a-1#1", "saga-rack-a-1#2", "saga-rack-a-1#3"], live.Select(f => f.Id));
        Assert.Equal("hv-1", live[2].Host);

        Watch(saga);
        Sys.Stop(saga);
        ExpectTerminated(saga);
        ChildActorOf(ShutdownSagaActor.Props(Plan(), null, "test outage", agents), "saga-again");
        var replayed = facts.ReceiveWhile(TimeSpan.FromSeconds(2), m => (SagaProgressed)m).ToList();
        // The recovered events come again with the same ids (a store keeps them once), then the resume's re-send is new.
        Assert.Equal(live.Select(f => f.Id), replayed.Take(3).Select(f => f.Id));
        Assert.Contains(replayed.Skip(3), f => f is { Kind: "saga.step-dispatched", Id: "saga-rack-a-1#4", Attempt: 2 });
    }
}
