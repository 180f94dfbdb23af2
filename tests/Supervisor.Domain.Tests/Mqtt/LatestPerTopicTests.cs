using Supervisor.Domain.Mqtt;

namespace Supervisor.Domain.Tests.Mqtt;

/// <summary>What waits for a slow broker: the latest message per topic, in first-pending order, never a drop.</summary>
public class LatestPerTopicTests
{
    private static MqttOutgoing M(string topic, string payload) => new(topic, payload, Retain: true);

    private static List<string> Drain(LatestPerTopic q)
    {
        var taken = new List<string>();
        while (q.TryTake(out var m)) taken.Add($"{m.Topic}={m.Payload}");
        return taken;
    }

    [Fact]
    public void A_newer_message_should_replace_the_unsent_one_for_its_topic_in_its_place()
    {
        var q = new LatestPerTopic();
        q.Put(M("a", "1"));
        q.Put(M("b", "1"));
        q.Put(M("a", "2"));
        Assert.Equal(["a=2", "b=1"], Drain(q));
        Assert.Equal(1, q.Superseded);
    }

    [Fact]
    public void A_topic_taken_and_put_again_should_queue_behind_the_others()
    {
        var q = new LatestPerTopic();
        q.Put(M("a", "1"));
        q.Put(M("b", "1"));
        Assert.True(q.TryTake(out _));
        q.Put(M("a", "2"));
        Assert.Equal(["b=1", "a=2"], Drain(q));
    }

    [Fact]
    public void A_burst_of_every_device_announcing_itself_should_keep_every_topic_and_stay_bounded_by_the_topics()
    {
        var q = new LatestPerTopic();
        for (var round = 0; round < 3; round++)
            for (var device = 0; device < 10_000; device++)
                for (var entity = 0; entity < 12; entity++)
                    q.Put(M($"homeassistant/sensor/supervisor_d{device}/e{entity}/config", $"round {round}"));
        Assert.Equal(120_000, q.Count);
        var all = Drain(q);
        Assert.Equal(120_000, all.Distinct().Count());
        Assert.All(all, m => Assert.EndsWith("=round 2", m));
    }
}
