using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>
/// Issue 14, logs a person can read: while on battery the log says every progress-interval how the battery stands and
/// where each enabled trigger fires, so it never falls silent between DEGRADED and CRITICAL.
/// </summary>
public class BatteryProgressTests
{
    private static readonly DepletionSettings Depletion =
        new(PercentPerMinute: 15, Window: TimeSpan.FromSeconds(300), Grace: TimeSpan.FromSeconds(90));

    [Fact]
    public void Describe_should_give_the_figures_and_where_each_enabled_trigger_fires_in_evaluation_order()
    {
        var triggers = NoTriggers with { ChargePercent = 20, Runtime = TimeSpan.FromSeconds(600), OnBattery = TimeSpan.FromSeconds(900) };
        var state = Feed(Settings(triggers), OnBattery(0, charge: 70, runtime: 900), OnBattery(40, charge: 62, runtime: 812));

        Assert.Equal("on battery for 40s, charge 62%, runtime 812s, load 30%; fires at: charge ≤ 20%, runtime ≤ 600s, 900s on battery (in 860s)",
            BatteryProgress.Describe(state, triggers));
    }

    [Fact]
    public void Describe_should_show_the_drain_rate_once_it_is_measured_and_say_measuring_before()
    {
        var triggers = NoTriggers with { Depletion = Depletion };
        var early = Feed(Settings(triggers), Draining(0, 60, 10, 100, 2));
        var later = Feed(Settings(triggers), Draining(0, 150, 10, 100, 2));

        Assert.EndsWith("; fires at: depletion ≥ 15%/min (measuring)", BatteryProgress.Describe(early, triggers));
        Assert.EndsWith("; fires at: depletion ≥ 15%/min (now 2%/min)", BatteryProgress.Describe(later, triggers));
    }

    [Fact]
    public void Describe_should_say_why_once_critical_instead_of_where_triggers_fire()
    {
        var triggers = NoTriggers with { ChargePercent = 20 };
        var state = Feed(Settings(triggers), OnBattery(0, charge: 15));

        Assert.Equal("on battery for 0s, charge 15%, runtime 1500s, load 30%; CRITICAL: charge 15% ≤ 20% on battery", BatteryProgress.Describe(state, triggers));
    }

    [Fact]
    public void Describe_should_say_when_no_trigger_would_ever_fire_on_battery()
    {
        var state = Feed(Settings(NoTriggers), OnBattery(0));
        Assert.EndsWith("; no on-battery trigger is set", BatteryProgress.Describe(state, NoTriggers));
    }

    [Fact]
    public void Describe_should_be_silent_on_line()
    {
        Assert.Null(BatteryProgress.Describe(Feed(Settings(NoTriggers with { ChargePercent = 20 }), OnLine(0)), NoTriggers));
    }

    [Theory]
    [InlineData(9.9, false)]
    [InlineData(10, true)]
    [InlineData(25, true)]
    public void Due_should_come_every_interval_from_the_last_line(double secondsSince, bool due)
    {
        Assert.Equal(due, BatteryProgress.Due(At(0), At(secondsSince), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Due_should_never_come_when_off_or_off_battery()
    {
        Assert.False(BatteryProgress.Due(At(0), At(1000), null));
        Assert.False(BatteryProgress.Due(null, At(1000), TimeSpan.FromSeconds(10)));
    }
}
