using Supervisor.Domain.Live;

namespace Supervisor.Domain.Tests.Live;

/// <summary>The live feed's resume rules: a viewer gets exactly what it missed, or a snapshot when that cannot be exact.</summary>
public class LiveFeedBufferTests
{
    [Fact]
    public void Ids_should_be_the_epoch_and_a_sequence_from_one()
    {
        var b = new LiveFeedBuffer<string>("e7", 10);
        Assert.Equal("e7.0", b.LastId);
        Assert.Equal("e7.1", b.Append("a"));
        Assert.Equal("e7.2", b.Append("b"));
        Assert.Equal("e7.2", b.LastId);
    }

    [Fact]
    public void After_should_give_the_frames_after_the_id_oldest_first()
    {
        var b = new LiveFeedBuffer<string>("e7", 10);
        foreach (var f in new[] { "a", "b", "c" }) b.Append(f);
        Assert.Equal([("e7.2", "b"), ("e7.3", "c")], b.After("e7.1"));
        Assert.Equal([("e7.1", "a"), ("e7.2", "b"), ("e7.3", "c")], b.After("e7.0"));
        Assert.Empty(b.After("e7.3")!); // saw the newest: nothing missed, no snapshot either
    }

    [Fact]
    public void After_should_say_snapshot_when_frames_the_viewer_missed_were_forgotten()
    {
        var b = new LiveFeedBuffer<string>("e7", 2);
        foreach (var f in new[] { "a", "b", "c", "d" }) b.Append(f); // keeps c (3) and d (4)
        Assert.Null(b.After("e7.1")); // b (2) is gone
        Assert.Equal([("e7.3", "c"), ("e7.4", "d")], b.After("e7.2"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("e6.1")] // before a restart, or another node's feed
    [InlineData("e7.9")] // ahead of this feed: not one of its ids
    [InlineData("e7.-1")]
    [InlineData("e7")]
    [InlineData("garbage")]
    public void After_should_say_snapshot_for_an_id_that_is_not_one_of_this_feeds(string? id)
    {
        var b = new LiveFeedBuffer<string>("e7", 10);
        b.Append("a");
        Assert.Null(b.After(id));
    }

    [Fact]
    public void Sample_throttle_should_let_a_health_change_through_at_once_and_one_sample_per_interval_otherwise()
    {
        var t0 = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var t = new SampleThrottle(TimeSpan.FromSeconds(1));
        Assert.True(t.Admit("ups-a", DeviceHealth.Healthy, t0));
        Assert.False(t.Admit("ups-a", DeviceHealth.Healthy, t0.AddMilliseconds(500)));
        Assert.True(t.Admit("ups-b", DeviceHealth.Healthy, t0.AddMilliseconds(500))); // per device
        Assert.True(t.Admit("ups-a", DeviceHealth.Degraded, t0.AddMilliseconds(600))); // a change goes at once
        Assert.False(t.Admit("ups-a", DeviceHealth.Degraded, t0.AddMilliseconds(1500)));
        Assert.True(t.Admit("ups-a", DeviceHealth.Degraded, t0.AddMilliseconds(1600)));
        t.Reset();
        Assert.True(t.Admit("ups-a", DeviceHealth.Degraded, t0.AddMilliseconds(1700)));
    }
}
