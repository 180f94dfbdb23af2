namespace Supervisor.Drivers.Tests.Nut;

public sealed class NutReadingMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ParseResult<NutMappedReading> Map(params (string Name, string Value)[] vars) =>
        NutReadingMapper.ToReading("ups-a", "ups1", vars.ToDictionary(v => v.Name, v => v.Value), Now);

    private static NutMappedReading Mapped(params (string, string)[] vars)
    {
        var result = Map(vars);
        Assert.True(result.IsSuccess, result.Error);
        return result.Value;
    }

    [Fact]
    public void ToReading_should_map_all_fields_when_every_variable_is_present()
    {
        var m = Mapped(("ups.status", "OL CHRG"), ("battery.charge", "97.5"), ("battery.runtime", "1800"),
            ("ups.load", "23"), ("input.voltage", "230.4"), ("ups.realpower", "120"), ("ups.power", "300"));
        var r = m.Reading;
        Assert.Equal(("ups-a", Now, true, false, false, false), (r.DeviceId, r.Time, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal((97.5, 1800, 23, 230.4, 120), (r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts));
        Assert.Equal("OL CHRG", r.RawStatus);
        Assert.Empty(m.Warnings);
    }

    [Theory]
    [InlineData("OB LB", false, true, true, false)]
    [InlineData("FSD OB LB", false, true, true, true)]
    [InlineData("FSD OL", true, false, false, true)]
    [InlineData("OL BOOST VENDORX", true, false, false, false)]
    [InlineData("WAIT", false, false, false, false)]
    public void ToReading_should_set_flags_from_status_tokens_when_status_varies(string status, bool ol, bool ob, bool lb, bool fsd)
    {
        var r = Mapped(("ups.status", status)).Reading;
        Assert.Equal((ol, ob, lb, fsd), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal(status, r.RawStatus);
    }

    [Fact]
    public void ToReading_should_leave_values_null_when_variables_are_absent()
    {
        var r = Mapped(("ups.status", "OL")).Reading;
        Assert.Equal(new double?[] { null, null, null, null, null },
            [r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts]);
    }

    [Fact]
    public void ToReading_should_fall_back_to_ups_power_when_realpower_is_absent() =>
        Assert.Equal(300, Mapped(("ups.status", "OL"), ("ups.power", "300")).Reading.PowerWatts);

    [Theory]
    [InlineData("1e2", 100)]
    [InlineData(" 42 ", 42)]
    [InlineData("-0.5", -0.5)]
    public void ToReading_should_parse_numbers_invariantly_when_format_is_valid(string text, double expected) =>
        Assert.Equal(expected, Mapped(("ups.status", "OL"), ("battery.charge", text)).Reading.ChargePercent);

    [Theory]
    [InlineData("97,5")] // a comma-decimal culture must not turn this into 975 or 97.5
    [InlineData("N/A")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,000")]
    public void ToReading_should_null_value_and_warn_naming_variable_when_number_is_unparseable(string text)
    {
        var m = Mapped(("ups.status", "OB"), ("battery.charge", text), ("ups.load", "10"));
        Assert.Null(m.Reading.ChargePercent);
        Assert.Equal(10, m.Reading.LoadPercent);
        Assert.True(m.Reading.OnBattery); // the status still counts: that is why we warn instead of failing
        var warning = Assert.Single(m.Warnings);
        Assert.Contains("battery.charge", warning);
        Assert.Contains(NutReplyParser.Show(text), warning);
    }

    [Fact]
    public void ToReading_should_parse_invariantly_when_current_culture_uses_comma_decimals()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(230.5, Mapped(("ups.status", "OL"), ("input.voltage", "230.5")).Reading.InputVoltage);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ToReading_should_fail_when_ups_status_is_missing()
    {
        var result = Map(("battery.charge", "100"));
        Assert.False(result.IsSuccess);
        Assert.Equal("upsd returned no ups.status for ups1", result.Error);
    }

    [Fact]
    public void ToReading_should_return_a_reading_without_a_power_state_when_ups_status_is_blank()
    {
        // Like WAIT, an empty status is an answer that says nothing about mains: the health rules keep the
        // previous health until stale-after rather than the poll failing.
        var result = Map(("ups.status", " "), ("battery.charge", "100"));
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error);
        Assert.Equal((false, false, 100d), (result.Value.Reading.OnLine, result.Value.Reading.OnBattery, result.Value.Reading.ChargePercent));
    }
}
