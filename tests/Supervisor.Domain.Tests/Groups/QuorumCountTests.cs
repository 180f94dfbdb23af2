using System.Collections.Immutable;

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

    [Theory]
    [InlineData(CountsAs.Healthy, 2)]
    [InlineData(CountsAs.Critical, 1)]
    public void Quorum_should_count_unknown_like_degraded_when_unknown_counts_as_degraded(CountsAs degraded, int expected)
    {
        var c = QuorumCount.Of(GroupDriver.Policy2(degraded: degraded, unknown: CountsAs.Degraded), Healths(DeviceHealth.Healthy, DeviceHealth.Unknown));
        Assert.Equal(expected, c.Healthy);
        Assert.Equal(1, c.HealthyOnEvidence); // silence is still no evidence of power
    }

    [Fact]
    public void Quorum_should_follow_degraded_counts_as_for_members_that_never_reported_when_unknown_counts_as_degraded()
    {
        var c = QuorumCount.Of(GroupDriver.Policy2(minHealthy: 2, degraded: CountsAs.Critical, unknown: CountsAs.Degraded),
            ImmutableDictionary<string, DeviceHealth>.Empty);
        Assert.Equal(0, c.Healthy);
        Assert.False(c.Holds);
    }

    [Property]
    public Property Quorum_should_count_an_unknown_member_exactly_as_a_degraded_one_when_unknown_counts_as_degraded() =>
        Prop.ForAll(
            Gen.Elements(Enum.GetValues<DeviceHealth>()).ArrayOf(2).ToArbitrary(),
            Gen.Elements(CountsAs.Healthy, CountsAs.Critical).ToArbitrary(),
            Gen.Choose(1, 2).ToArbitrary(),
            (healths, degraded, minHealthy) =>
            {
                var policy = GroupDriver.Policy2(minHealthy, degraded, CountsAs.Degraded);
                var asIs = QuorumCount.Of(policy, Healths(healths[0], healths[1]));
                DeviceHealth AsDegraded(DeviceHealth h) => h == DeviceHealth.Unknown ? DeviceHealth.Degraded : h;
                var replaced = QuorumCount.Of(policy, Healths(AsDegraded(healths[0]), AsDegraded(healths[1])));
                return (asIs.Healthy == replaced.Healthy && asIs.Holds == replaced.Holds).Label($"{asIs} vs {replaced}");
            });

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
