namespace Supervisor.Domain.Tests.Agents;

public class FailsafeRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(60);

    private static FailsafeState Heard(FailsafeState s, string group, bool onBattery, double at) =>
        FailsafeRules.Heard(s, group, onBattery, T0.AddSeconds(at)).State;

    [Fact]
    public void Failsafe_should_fire_when_a_group_is_on_battery_and_no_supervisor_speaks_for_after()
    {
        var s = Heard(FailsafeState.Initial(T0), "rack", true, 0);
        Assert.Null(FailsafeRules.Check(s, T0.AddSeconds(59), After, "hv-1"));
        var fired = FailsafeRules.Check(s, T0.AddSeconds(60), After, "hv-1");
        Assert.NotNull(fired);
        Assert.Equal("failsafe-hv-1-20261123T120100", fired.RunId);
        Assert.Contains("group(s) rack on battery and no supervisor heard for 60s", fired.Reason);
    }

    [Fact]
    public void Failsafe_should_not_fire_while_every_group_is_on_line_however_long_the_silence()
    {
        var s = Heard(FailsafeState.Initial(T0), "rack", false, 0);
        Assert.Null(FailsafeRules.Check(s, T0.AddHours(5), After, "hv-1"));
    }

    [Fact]
    public void Failsafe_should_not_fire_while_a_supervisor_keeps_speaking()
    {
        var s = Heard(FailsafeState.Initial(T0), "rack", true, 0);
        for (var t = 10; t <= 300; t += 10) s = Heard(s, "rack", true, t);
        Assert.Null(FailsafeRules.Check(s, T0.AddSeconds(305), After, "hv-1"));
    }

    [Fact]
    public void Failsafe_should_fire_only_once_per_outage_and_rearm_when_power_returns()
    {
        var s = Heard(FailsafeState.Initial(T0), "rack", true, 0);
        var fired = FailsafeRules.Check(s, T0.AddSeconds(61), After, "hv-1")!;
        s = FailsafeRules.Apply(s, fired);
        Assert.Null(FailsafeRules.Check(s, T0.AddSeconds(500), After, "hv-1"));

        var (back, events) = FailsafeRules.Heard(s, "rack", false, T0.AddSeconds(600));
        Assert.Contains(events, e => e is FailsafeRearmed);
        back = Heard(back, "rack", true, 700);
        Assert.NotNull(FailsafeRules.Check(back, T0.AddSeconds(760), After, "hv-1"));
    }

    [Fact]
    public void Failsafe_should_journal_only_changes_of_group_power()
    {
        var (s, first) = FailsafeRules.Heard(FailsafeState.Initial(T0), "rack", true, T0);
        var (_, again) = FailsafeRules.Heard(s, "rack", true, T0.AddSeconds(2));
        Assert.Single(first);
        Assert.Empty(again);
    }

    [Fact]
    public void Recovered_agent_should_give_supervisors_a_full_after_from_its_restart()
    {
        var journal = new FailsafeEvent[] { new GroupPowerNoted("rack", true, T0) };
        var restartedAt = T0.AddMinutes(10);
        var s = journal.Aggregate(FailsafeState.Initial(restartedAt), FailsafeRules.Apply);
        Assert.Null(FailsafeRules.Check(s, restartedAt.AddSeconds(59), After, "hv-1"));
        Assert.NotNull(FailsafeRules.Check(s, restartedAt.AddSeconds(60), After, "hv-1"));
    }

    [Fact]
    public void Failsafe_should_stay_armed_while_any_group_is_still_on_battery()
    {
        var s = Heard(Heard(FailsafeState.Initial(T0), "rack-a", true, 0), "rack-b", true, 0);
        s = Heard(s, "rack-a", false, 1);
        Assert.NotNull(FailsafeRules.Check(s, T0.AddSeconds(62), After, "hv-1"));
    }
}
