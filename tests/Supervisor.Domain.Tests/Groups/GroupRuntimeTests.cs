namespace Supervisor.Domain.Tests.Groups;

public class GroupRuntimeTests
{
    [Fact]
    public void Estimate_should_take_the_min_healthy_th_longest_runtime()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), GroupRuntime.Estimate([600, 300, 100], minHealthy: 2));
    }

    [Fact]
    public void Estimate_should_use_the_longest_runtime_when_one_member_suffices()
    {
        Assert.Equal(TimeSpan.FromSeconds(600), GroupRuntime.Estimate([100, 600], minHealthy: 1));
    }

    [Fact]
    public void Estimate_should_ignore_members_without_runtime_and_fall_back_to_the_shortest_known()
    {
        Assert.Equal(TimeSpan.FromSeconds(250), GroupRuntime.Estimate([null, 250, null], minHealthy: 2));
    }

    [Fact]
    public void Estimate_should_be_null_when_no_member_reports_runtime()
    {
        Assert.Null(GroupRuntime.Estimate([null, null], minHealthy: 1));
    }
}
