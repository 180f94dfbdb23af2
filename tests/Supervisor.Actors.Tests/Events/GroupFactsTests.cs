using Supervisor.Actors.Groups;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Tests.Events;

/// <summary>The group's facts: its series on change, its state changes, and its journaled episode changes keyed by sequence number.</summary>
public class GroupFactsTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private static readonly GroupSettings Settings = new("rack-a", ["ups-a", "ups-b"], 1, CountsAs.Healthy, CountsAs.Critical,
        TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(60),
        new ShutdownSettings(TimeSpan.FromSeconds(10), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(60),
            [new PhaseSettings("vms", [new StepSettings("hv-1", "stop-vms", TimeSpan.FromSeconds(120), false)])]));

    private static readonly GroupPolicy Policy = new("rack-a", Settings.Members, 1, CountsAs.Healthy, CountsAs.Critical,
        TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(60));

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private TestProbe Subscribe<T>()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(T));
        return probe;
    }

    private static void Report(IActorRef group, string device, DeviceHealth health) =>
        group.Tell(new DeviceReport(device, new HealthAssessment(health, "test", []),
            new Reading(device, DateTimeOffset.UtcNow, health == DeviceHealth.Healthy, health != DeviceHealth.Healthy, false, false, 50, 900, 30, 230, 300, "OB"),
            DateTimeOffset.UtcNow, true));

    private IActorRef Group(string name) =>
        Sys.ActorOf(GroupActor.Props(Settings, Policy, CreateTestProbe().Ref, CreateTestProbe().Ref), name);

    [Fact]
    public void Group_should_publish_its_state_changes_its_count_and_the_journaled_episode_start()
    {
        var states = Subscribe<GroupStateChanged>();
        var samples = Subscribe<GroupSampled>();
        var episodes = Subscribe<GroupEpisodeChanged>();
        var group = Group("group");
        Report(group, "ups-a", DeviceHealth.Healthy);
        Report(group, "ups-b", DeviceHealth.Healthy);
        states.FishForMessage<GroupStateChanged>(s => s.To == GroupState.Healthy, Patience);
        Assert.Equal(2, samples.FishForMessage<GroupSampled>(s => s.State == GroupState.Healthy, Patience).Healthy);

        Report(group, "ups-a", DeviceHealth.Critical);
        Report(group, "ups-b", DeviceHealth.Critical);
        var lost = states.FishForMessage<GroupStateChanged>(s => s.To == GroupState.QuorumLost, Patience);
        Assert.Equal(("0 of 2 healthy, need 1", EventSeverity.Critical), (lost.Quorum, lost.Severity));
        var started = episodes.ExpectMsg<GroupEpisodeChanged>(Patience);
        Assert.Equal(("group-rack-a#1", "group.episode-started", 1), (started.Id, started.Kind, started.Episode));
        var sample = samples.FishForMessage<GroupSampled>(s => s.State == GroupState.QuorumLost, Patience);
        Assert.Equal((0, 1, 2, 900.0), (sample.Healthy, sample.MinHealthy, sample.Members, sample.RuntimeSeconds));
    }

    [Fact]
    public void Group_should_publish_the_running_episode_again_with_the_same_id_after_a_restart()
    {
        var episodes = Subscribe<GroupEpisodeChanged>();
        var group = Group("group");
        Report(group, "ups-a", DeviceHealth.Critical);
        Report(group, "ups-b", DeviceHealth.Critical);
        var started = episodes.ExpectMsg<GroupEpisodeChanged>(Patience);

        Watch(group);
        Sys.Stop(group);
        ExpectTerminated(group);
        Group("group-again");
        Assert.Equal(started.Id, episodes.ExpectMsg<GroupEpisodeChanged>(Patience).Id);
    }
}
