using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

public class PowerEventRulesTests
{
    [Fact]
    public void Power_events_should_say_nothing_when_the_first_sample_is_on_line()
    {
        var (_, events) = Fold(Sample(Reading(0)));
        Assert.Empty(events);
    }

    [Fact]
    public void Power_events_should_say_onbatt_when_a_node_starts_during_an_outage()
    {
        var (_, events) = Fold(Sample(Reading(0, onBattery: true, charge: 97, runtime: 2460, load: 23)));
        var onbatt = Assert.Single(events);
        Assert.Equal("ONBATT", onbatt.Name);
        Assert.Equal(EventSeverity.Critical, onbatt.Severity);
        Assert.Equal("ups-a on battery: charge 97 %, runtime 41 min, load 23 %", onbatt.Message);
    }

    [Fact]
    public void Power_events_should_report_every_abnormal_flag_when_the_first_sample_has_them()
    {
        var (_, events) = Fold(Sample(Reading(0, onBattery: true, status: "OB LB FSD RB OVER", lowBattery: true, fsd: true)));
        Assert.Equal(["ONBATT", "LOWBATT", "FSD", "REPLBATT", "OVERLOAD"], Names(events));
    }

    [Fact]
    public void Power_events_should_say_online_with_the_outage_length_when_mains_returns()
    {
        var (_, events) = Fold(Sample(Reading(0)), Sample(Reading(10, onBattery: true)), Sample(Reading(262, charge: 81)));
        Assert.Equal(["ONBATT", "ONLINE"], Names(events));
        Assert.Equal("ups-a back on line after 4 min 12 s on battery, charge 81 %", events[1].Message);
        Assert.Equal(EventSeverity.Info, events[1].Severity);
        Assert.Equal(252, events[1].ForSeconds);
    }

    [Fact]
    public void Power_events_should_not_repeat_onbatt_when_the_device_stays_on_battery()
    {
        var (_, events) = Fold(Sample(Reading(0, onBattery: true)), Sample(Reading(2, onBattery: true)), Sample(Reading(4, onBattery: true)));
        Assert.Equal(["ONBATT"], Names(events));
    }

    [Fact]
    public void Power_events_should_count_status_only_readings_when_they_carry_new_flags()
    {
        var statusOnly = Reading(3, onBattery: true) with { StatusOnly = true };
        var (_, events) = Fold(Sample(Reading(0)), Sample(statusOnly));
        Assert.Equal(["ONBATT"], Names(events));
    }

    [Fact]
    public void Power_events_should_raise_lowbatt_and_fsd_once_when_the_flags_rise()
    {
        var (_, events) = Fold(Sample(Reading(0, onBattery: true)), Sample(Reading(5, onBattery: true, lowBattery: true)),
            Sample(Reading(7, onBattery: true, lowBattery: true)), Sample(Reading(9, onBattery: true, lowBattery: true, fsd: true)));
        Assert.Equal(["ONBATT", "LOWBATT", "FSD"], Names(events));
    }

    [Fact]
    public void Power_events_should_raise_avr_and_overload_with_their_endings_when_raw_status_changes()
    {
        var (_, events) = Fold(Sample(Reading(0)), Sample(Reading(2, status: "OL BOOST", volts: 212)), Sample(Reading(4, status: "OL")),
            Sample(Reading(6, status: "OL TRIM", volts: 248)), Sample(Reading(7, status: "OL")), Sample(Reading(8, status: "OL OVER", load: 112)),
            Sample(Reading(10, status: "OL")));
        Assert.Equal(["BOOST", "NOTBOOST", "TRIM", "NOTTRIM", "OVERLOAD", "NOTOVER"], Names(events));
        Assert.Equal("ups-a boosting a low input voltage (AVR): input 212 V", events[0].Message);
        Assert.Equal("ups-a overloaded: load 112 %", events[4].Message);
        Assert.Equal(EventSeverity.Warning, events[0].Severity);
    }

    [Fact]
    public void Power_events_should_say_commbad_once_when_polls_fail_after_a_success()
    {
        var (_, events) = Fold(Sample(Reading(0)), Failed(2), Failed(4));
        var bad = Assert.Single(events);
        Assert.Equal("COMMBAD", bad.Name);
        Assert.Equal(EventSeverity.Warning, bad.Severity);
        Assert.Contains("connection refused", bad.Message);
    }

    [Fact]
    public void Power_events_should_say_nocomm_when_no_poll_succeeded_for_the_configured_time()
    {
        var (_, events) = Fold(Sample(Reading(0)), Failed(2), Failed(20), Failed(30), Failed(40));
        Assert.Equal(["COMMBAD", "NOCOMM"], Names(events));
        Assert.Equal(EventSeverity.Warning, events[1].Severity);
        Assert.Equal("ups-a: no successful poll for 30 s", events[1].Message);
    }

    [Fact]
    public void Power_events_should_say_nocomm_when_health_went_unknown_before_the_configured_time()
    {
        var (_, events) = Fold(Sample(Reading(0)), Failed(2), Failed(12, DeviceHealth.Unknown));
        Assert.Equal(["COMMBAD", "NOCOMM"], Names(events));
    }

    [Fact]
    public void Power_events_should_make_nocomm_critical_when_the_device_was_last_seen_on_battery()
    {
        var (_, events) = Fold(Sample(Reading(0, onBattery: true, charge: 60)), Failed(2), Failed(32));
        var nocomm = events.Single(e => e.Name == "NOCOMM");
        Assert.Equal(EventSeverity.Critical, nocomm.Severity);
        Assert.True(nocomm.OnBattery);
        Assert.Contains("last seen ON BATTERY: charge 60 %", nocomm.Message);
    }

    [Fact]
    public void Power_events_should_say_nocomm_from_the_clock_when_samples_stop_coming()
    {
        var (state, _) = Fold(Sample(Reading(0)));
        Assert.Empty(PowerEventRules.Check(state, "ups-a", At(29), Power).Events);
        var step = PowerEventRules.Check(state, "ups-a", At(30), Power);
        Assert.Equal(["NOCOMM"], Names(step.Events));
        Assert.Empty(PowerEventRules.Check(step.Next, "ups-a", At(60), Power).Events);
    }

    [Fact]
    public void Power_events_should_say_commok_with_the_gap_when_a_poll_succeeds_after_commbad_or_nocomm()
    {
        var (_, afterBad) = Fold(Sample(Reading(0)), Failed(2), Sample(Reading(4)));
        Assert.Equal(["COMMBAD", "COMMOK"], Names(afterBad));
        var (_, afterLost) = Fold(Sample(Reading(0)), Failed(2), Failed(40), Sample(Reading(65)));
        Assert.Equal(["COMMBAD", "NOCOMM", "COMMOK"], Names(afterLost));
        Assert.Equal("ups-a: communication restored after 1 min 3 s without data", afterLost[2].Message);
    }

    [Fact]
    public void Power_events_should_say_nothing_when_the_first_poll_fails_and_the_next_succeeds()
    {
        var (_, events) = Fold(Failed(0), Sample(Reading(2)));
        Assert.Empty(events);
    }

    [Fact]
    public void Power_events_should_say_nocomm_then_commok_when_a_device_was_never_reachable_for_the_configured_time()
    {
        var (_, events) = Fold(Failed(0), Failed(10), Failed(30), Sample(Reading(32)));
        Assert.Equal(["NOCOMM", "COMMOK"], Names(events));
    }

    [Fact]
    public void Power_events_should_keep_a_stable_id_when_the_same_sample_is_folded_again()
    {
        var sample = Sample(Reading(5, onBattery: true));
        var first = Fold(Sample(Reading(0)), sample).Events.Single();
        var again = Fold(Sample(Reading(0)), sample).Events.Single();
        Assert.Equal(first.Id, again.Id);
        Assert.Equal($"power-ups-a@{At(5).ToUnixTimeMilliseconds()}:ONBATT", first.Id);
        Assert.Equal("power.onbatt", first.Kind);
    }
}
