using Supervisor.Domain.Events;

namespace Supervisor.Actors.Tests.Events;

/// <summary>
/// Two real cluster nodes on loopback, each with its bridge: an event published on one node's local stream reaches the
/// other's exactly once, stays once on its own, and no copy loops back. Samples stay on their node.
/// </summary>
public sealed class FactBridgeClusterTests(ITestOutputHelper output) : BridgedClusterTestKit(output)
{
    private Akka.TestKit.TestProbe Listen(ActorSystem system, Type type)
    {
        var probe = CreateTestProbe(system);
        system.EventStream.Subscribe(probe.Ref, type);
        return probe;
    }

    [Fact]
    public void Bridge_should_deliver_an_event_once_to_every_node_and_keep_samples_local()
    {
        var onA = Listen(Sys, typeof(FleetEvent));
        var onB = Listen(B, typeof(FleetEvent));
        var samplesOnB = Listen(B, typeof(DeviceSampled));
        var at = DateTimeOffset.UtcNow;

        // The topic registry is gossiped: publish until B has its first copy, then count copies of one fresh event.
        AwaitAssert(() =>
        {
            Sys.EventStream.Publish(new DeviceHealthChanged("probe", DeviceHealth.Unknown, DeviceHealth.Healthy, "warm-up", null, DateTimeOffset.UtcNow));
            onB.ExpectMsg<DeviceHealthChanged>(TimeSpan.FromMilliseconds(300));
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50));
        onA.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => m);
        onB.ReceiveWhile(TimeSpan.FromMilliseconds(500), m => m);

        var e = new DeviceHealthChanged("ups-a", DeviceHealth.Healthy, DeviceHealth.Degraded, "on battery", null, at);
        Sys.EventStream.Publish(e);
        Sys.EventStream.Publish(new DeviceSampled("ups-a", "nut", null, DeviceHealth.Degraded, "on battery", null, at));

        Assert.Equal(e.Id, onB.ExpectMsg<DeviceHealthChanged>(TimeSpan.FromSeconds(5)).Id);
        Assert.Equal(e.Id, onA.ExpectMsg<DeviceHealthChanged>(TimeSpan.FromSeconds(5)).Id);
        onA.ExpectNoMsg(TimeSpan.FromSeconds(1.5)); // no echo of its own event from the topic
        onB.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // no second copy
        samplesOnB.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
