using Supervisor.Actors.Placement;
using Supervisor.Domain.Events;
using Supervisor.Domain.Placement;

namespace Supervisor.Actors.Tests.Placement;

public class FleetConsistencyActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private const string Self = "akka.tcp://supervisor@10.0.0.1:4053", Peer = "akka.tcp://supervisor@10.0.0.2:4053";
    private static readonly FleetFingerprint Mine = FleetFingerprint.Of(new SupervisorSettings("data", [], [], null));
    private static readonly FleetFingerprint Theirs = FleetFingerprint.Of(new SupervisorSettings("data", [], [], null)
        { Placement = new PlacementSettings(PlacementMode.Sharded, 30) });

    private (IActorRef Actor, Akka.TestKit.TestProbe Mediator) Start()
    {
        var mediator = CreateTestProbe();
        var actor = Sys.ActorOf(FleetConsistencyActor.Props(mediator.Ref, Self, Mine));
        Assert.Equal(ClusterNames.Topics.FleetFingerprints, mediator.ExpectMsg<Subscribe>().Topic);
        return (actor, mediator);
    }

    [Fact]
    public void It_should_announce_this_nodes_fingerprint_to_the_other_supervisor_nodes()
    {
        var (_, mediator) = Start();
        var publish = mediator.ExpectMsg<Publish>(TimeSpan.FromSeconds(5));
        Assert.Equal((ClusterNames.Topics.FleetFingerprints, new FleetAnnouncement(Self, Mine.Hash, Mine.Summary)), (publish.Topic, (FleetAnnouncement)publish.Message));
    }

    [Fact]
    public void It_should_log_one_error_per_differing_node_naming_both_fleets_and_the_fix_and_an_info_when_it_agrees_again()
    {
        var (actor, _) = Start();
        var differs = new FleetAnnouncement(Peer, Theirs.Hash, Theirs.Summary);
        EventFilter.Error(contains: $"Supervisor node {Peer} runs a different fleet (sharded over 30 partitions").ExpectOne(() => actor.Tell(differs));
        EventFilter.Error().Expect(0, TimeSpan.FromMilliseconds(500), () => actor.Tell(differs)); // said once, not every 5 s
        EventFilter.Info(contains: $"Supervisor node {Peer} now runs the same fleet").ExpectOne(() => actor.Tell(new FleetAnnouncement(Peer, Mine.Hash, Mine.Summary)));
    }

    [Fact]
    public void It_should_stay_quiet_about_its_own_announcement_and_a_matching_node()
    {
        var (actor, _) = Start();
        EventFilter.Error().Expect(0, TimeSpan.FromMilliseconds(500), () =>
        {
            actor.Tell(new FleetAnnouncement(Self, Mine.Hash, Mine.Summary));
            actor.Tell(new FleetAnnouncement(Peer, Mine.Hash, Mine.Summary));
        });
        EventFilter.Info(contains: "now runs the same fleet").Expect(0, TimeSpan.FromMilliseconds(300), () => actor.Tell(new FleetAnnouncement(Peer, Mine.Hash, Mine.Summary)));
    }

    [Fact]
    public void It_should_publish_the_mismatch_once_on_the_event_stream_and_the_agreement_when_the_peer_runs_the_same_fleet_again()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(FleetMismatchChanged));
        var (actor, _) = Start();
        var differs = new FleetAnnouncement(Peer, Theirs.Hash, Theirs.Summary);
        actor.Tell(differs);
        actor.Tell(differs);
        var mismatch = events.ExpectMsg<FleetMismatchChanged>(TimeSpan.FromSeconds(5));
        Assert.Equal((Self, "fleet.mismatch"), (mismatch.ReportedBy, mismatch.Kind));
        Assert.Contains($"{Self} runs {Mine.Summary}; {Peer} runs {Theirs.Summary}", mismatch.Message);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // once, not per announcement

        actor.Tell(new FleetAnnouncement(Peer, Mine.Hash, Mine.Summary));
        Assert.Equal("fleet.mismatch-resolved", events.ExpectMsg<FleetMismatchChanged>(TimeSpan.FromSeconds(5)).Kind);
    }
}
