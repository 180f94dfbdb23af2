using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

public class VoltageRulesTests
{
    [Theory]
    [InlineData(101, null, 100)]
    [InlineData(117, null, 120)]
    [InlineData(198, null, 230)]
    [InlineData(236, 240.0, 240)]
    [InlineData(231, 120.0, 230)] // the UPS claims 120 V but reads 231 V: the observed region wins
    public void Nominal_should_snap_to_the_observed_region_when_detecting(double observed, double? configured, double expected) =>
        Assert.Equal(expected, VoltageRules.DetectNominal(observed, configured));

    [Theory]
    [InlineData(0)]
    [InlineData(160)]
    public void Nominal_should_stay_unknown_when_the_voltage_fits_no_region(double observed) =>
        Assert.Null(VoltageRules.DetectNominal(observed, null));

    [Fact]
    public void Voltage_events_should_raise_low_once_and_clear_only_past_the_margin_when_a_brownout_hovers()
    {
        // 230 V nominal, band 207–253 V, margin 4.6 V: low clears at 211.6 V or more.
        var (_, events) = Fold(Sample(Reading(0, volts: 230)), Sample(Reading(2, volts: 205)), Sample(Reading(4, volts: 208)),
            Sample(Reading(6, volts: 205)), Sample(Reading(8, volts: 211)), Sample(Reading(70, volts: 212)));
        Assert.Equal(["VOLTAGE-LOW", "VOLTAGE-NORMAL"], Names(events));
        Assert.Equal("ups-a input voltage low (brownout): input 205 V (nominal 230 V, band 207–253 V)", events[0].Message);
        Assert.Equal(EventSeverity.Warning, events[0].Severity);
        Assert.Equal(EventSeverity.Info, events[1].Severity);
        Assert.Equal(68, events[1].ForSeconds);
    }

    [Fact]
    public void Voltage_events_should_raise_high_when_over_voltage_and_go_straight_to_low_when_it_drops_through()
    {
        var (_, events) = Fold(Sample(Reading(0, volts: 230)), Sample(Reading(2, volts: 256)), Sample(Reading(4, volts: 200)));
        Assert.Equal(["VOLTAGE-HIGH", "VOLTAGE-LOW"], Names(events));
    }

    [Fact]
    public void Voltage_events_should_ignore_readings_on_battery_when_the_input_is_gone()
    {
        var (_, events) = Fold(Sample(Reading(0, volts: 230)), Sample(Reading(2, onBattery: true, volts: 0)), Sample(Reading(4, volts: 229)));
        Assert.Equal(["ONBATT", "ONLINE"], Names(events));
    }

    [Fact]
    public void Voltage_events_should_not_alarm_when_a_ups_misreports_its_nominal()
    {
        var settings = Power with { Voltage = Voltage with { NominalVolts = 120 } };
        var step = PowerEventRules.Decide(DevicePowerState.Initial, Sample(Reading(0, volts: 231)), settings);
        Assert.Empty(step.Events);
        Assert.Equal(230, step.Next.Voltage.NominalVolts);
    }
}
