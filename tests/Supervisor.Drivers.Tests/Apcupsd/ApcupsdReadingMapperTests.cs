namespace Supervisor.Drivers.Tests.Apcupsd;

public sealed class ApcupsdReadingMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 19, 0, 0, TimeSpan.Zero);

    private static ParseResult<ApcupsdMappedReading> Map(params string[] lines) =>
        ApcupsdReadingMapper.ToReading("ups-a", ApcupsdStatusParser.ParseStatus(lines), Now);

    private static ApcupsdMappedReading MapOk(params string[] lines)
    {
        var result = Map(lines);
        Assert.True(result.IsSuccess, result.Error);
        return result.Value;
    }

    [Fact]
    public void ToReading_should_fill_every_field_when_status_is_a_real_reply()
    {
        var m = MapOk(FakeNis.RealStatus);
        var r = m.Reading;
        Assert.Equal(("ups-a", Now, "ONLINE"), (r.DeviceId, r.Time, r.RawStatus));
        Assert.Equal((true, false, false, false), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal((100, 1200, 25, 230, 245, 50), (r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts, r.FrequencyHz));
        Assert.Empty(m.Warnings);
    }

    [Theory]
    [InlineData("ONBATT", false, true, false, false)]
    [InlineData("ONBATT LOWBATT", false, true, true, false)]
    [InlineData("ONLINE LOWBATT REPLACEBATT", true, false, true, false)]
    [InlineData("CAL ONBATT", false, true, false, false)]
    [InlineData("ONLINE SHUTTING DOWN", true, false, false, true)]
    [InlineData("TRIM ONLINE WEIRDFLAG", true, false, false, false)]
    public void ToReading_should_map_flags_when_status_has_them(string status, bool onLine, bool onBattery, bool low, bool shutdown)
    {
        var r = MapOk($"STATUS   : {status}").Reading;
        Assert.Equal((onLine, onBattery, low, shutdown), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal(status, r.RawStatus);
    }

    [Fact]
    public void ToReading_should_take_flags_from_STATFLAG_when_status_only_says_shutting_down()
    {
        // Seen from apcupsd 3.14.14 after on battery + low battery: STATUS is replaced, STATFLAG keeps the bits.
        var r = MapOk("STATUS   : SHUTTING DOWN", "STATFLAG : 0x05040250").Reading;
        Assert.Equal((false, true, true, true), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
    }

    [Fact]
    public void ToReading_should_ignore_STATFLAG_when_status_words_say_on_line_or_battery()
    {
        var r = MapOk("STATUS   : ONLINE", "STATFLAG : 0x00000250").Reading;
        Assert.Equal((true, false, false, false), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
    }

    [Fact]
    public void ToReading_should_fail_with_lost_contact_when_status_is_COMMLOST()
    {
        var result = Map("STATUS   : COMMLOST ", "BCHARGE  : 100.0 Percent");
        Assert.False(result.IsSuccess);
        Assert.StartsWith("apcupsd has lost contact with the UPS (STATUS COMMLOST)", result.Error);
    }

    [Theory]
    [InlineData(new[] { "Invalid command" }, "no STATUS line (first line: \"Invalid command\"); is this port really apcupsd's NIS?")]
    [InlineData(new string[0], "no STATUS line (the reply was empty)")]
    public void ToReading_should_fail_naming_the_problem_when_status_is_missing(string[] lines, string expected)
    {
        var result = Map(lines);
        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void ToReading_should_return_a_reading_without_a_power_state_when_status_is_empty()
    {
        // An answer that says nothing about mains: the health rules keep the previous health until stale-after.
        var m = MapOk("STATUS   :   ", "BCHARGE  : 100.0 Percent");
        Assert.Equal((false, false, 100d), (m.Reading.OnLine, m.Reading.OnBattery, m.Reading.ChargePercent));
    }

    [Fact]
    public void ToReading_should_take_on_battery_from_statflag_when_status_is_empty()
    {
        Assert.True(MapOk("STATUS   : ", "STATFLAG : 0x05000010").Reading.OnBattery);
    }

    [Fact]
    public void ToReading_should_leave_value_unknown_and_warn_when_number_or_unit_is_unusable()
    {
        var m = MapOk("STATUS   : ONLINE", "BCHARGE  : N/A", "TIMELEFT : 12 Hours", "LINEV    : 230.0 Volts", "LOADPCT  : -3 Percent");
        Assert.Equal((null, null, 230.0, null), (m.Reading.ChargePercent, m.Reading.RuntimeSeconds, m.Reading.InputVoltage, m.Reading.LoadPercent));
        Assert.Equal(3, m.Warnings.Count);
        Assert.Contains("BCHARGE is not a number: \"N/A\"; reported as unknown", m.Warnings);
        Assert.Contains("TIMELEFT is in \"Hours\", not Minutes: \"12 Hours\"; reported as unknown", m.Warnings);
        Assert.Contains("LOADPCT is negative: \"-3 Percent\"; reported as unknown", m.Warnings);
    }

    [Fact]
    public void ToReading_should_leave_values_null_without_warnings_when_keys_are_absent()
    {
        var m = MapOk("STATUS   : ONLINE");
        var r = m.Reading;
        Assert.All(new[] { r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts, r.FrequencyHz }, Assert.Null);
        Assert.Empty(m.Warnings);
    }

    [Theory]
    [InlineData("NOMPOWER : 865 Watts", "LOADPCT  : 50.0 Percent", 432.5)]
    [InlineData("NOMPOWER : 865", "LOADPCT  : 13.0 Percent Load Capacity", 112.45)]
    [InlineData("NOMPOWER : 865 Watts", "BCHARGE  : 1 Percent", null)]
    public void ToReading_should_compute_watts_from_nominal_power_and_load_when_both_are_present(string nominal, string load, double? watts)
    {
        var r = MapOk("STATUS   : ONLINE", nominal, load).Reading;
        Assert.Equal(watts, r.PowerWatts is { } w ? Math.Round(w, 6) : null);
    }

    [Fact]
    public void ToReading_should_convert_minutes_to_seconds_when_timeleft_is_fractional()
    {
        Assert.Equal(450, MapOk("STATUS   : ONBATT", "TIMELEFT : 7.5 Minutes").Reading.RuntimeSeconds);
    }

    [Fact]
    public void ToReading_should_pass_on_skipped_line_warnings_when_reply_has_unreadable_lines()
    {
        var m = MapOk("STATUS   : ONLINE", "garbage without colon");
        Assert.Single(m.Warnings);
        Assert.Contains("garbage without colon", m.Warnings[0]);
    }

    [Fact]
    public void ToReading_should_not_overflow_when_timeleft_is_huge()
    {
        var m = MapOk("STATUS   : ONLINE", "TIMELEFT : 1e308 Minutes");
        Assert.Null(m.Reading.RuntimeSeconds);
        Assert.Equal("TIMELEFT is out of range: \"1e308 Minutes\"; reported as unknown", Assert.Single(m.Warnings));
    }
}
