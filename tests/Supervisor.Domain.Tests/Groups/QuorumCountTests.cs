using System.Collections.Immutable;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;

namespace Supervisor.Domain.Tests.Groups;

public class QuorumCountTests
{
    private static ImmutableDictionary<string, DeviceHealth> Healths(DeviceHealth a, DeviceHealth b) =>
        ImmutableDictionary<string, DeviceHealth>.Empty.Add("ups-a", a).Add("ups-b", b);

    [Fact]
    public void Quorum_should_count_degraded_as_healthy_when_degraded_counts_as_healthy()
    {
        var c = QuorumCount.Of(GroupDriver.Policy2(minHealthy: 2), Healths(DeviceHealth.Healthy, DeviceHealth.Degraded));
        Assert.Equal(2, c.Healthy);
        Assert.True(c.Holds);
        Assert.False(c.AllHealthy);
    }

    [Fact]
    public void Quorum_should_not_count_degraded_when_degraded_counts_as_critical()
    {
        var c = QuorumCount.Of(GroupDriver.Policy2(minHealthy: 2, degraded: CountsAs.Critical), Healths(DeviceHealth.Healthy, DeviceHealth.Degraded));
        Assert.Equal(1, c.Healthy);
        Assert.False(c.Holds);
    }

    [Theory]
    [InlineData(CountsAs.Healthy, 2)]
    [InlineData(CountsAs.Critical, 1)]
    public void Quorum_should_count_unknown_per_policy(CountsAs unknown, int expected)
    {
        var c = QuorumCount.Of(GroupDriver.Policy2(unknown: unknown), Healths(DeviceHealth.Healthy, DeviceHealth.Unknown));
        Assert.Equal(expected, c.Healthy);
    }

    [Fact]
    public void Quorum_should_treat_members_that_never_reported_as_unknown()
    {
        var c = QuorumCount.Of(GroupDriver.Policy2(unknown: CountsAs.Critical), ImmutableDictionary<string, DeviceHealth>.Empty);
        Assert.Equal(0, c.Healthy);
        Assert.False(c.AllCritical);
    }

    [Fact]
    public void Quorum_should_never_count_critical_members()
    {
        var c = QuorumCount.Of(GroupDriver.Policy2(unknown: CountsAs.Healthy), Healths(DeviceHealth.Critical, DeviceHealth.Critical));
        Assert.Equal(0, c.Healthy);
        Assert.True(c.AllCritical);
    }

    [Fact]
    public void Default_grace_should_be_five_slowest_polls_plus_five_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(25), GroupPolicy.DefaultGrace([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)]));
    }
}
