namespace Supervisor.Drivers.Tests.Apcupsd;

public sealed class ApcupsdStatusParserTests
{
    [Theory]
    [InlineData("STATUS   : ONLINE ", "STATUS", "ONLINE")]
    [InlineData("STARTTIME: 2026-11-23 19:09:47 +0000  ", "STARTTIME", "2026-11-23 19:09:47 +0000")]
    [InlineData("CUMONBATT: 0 Seconds", "CUMONBATT", "0 Seconds")]
    [InlineData("END APC  : 2026-11-23 19:09:50 +0000", "END APC", "2026-11-23 19:09:50 +0000")]
    [InlineData("XOFFBATT : ", "XOFFBATT", "")]
    public void ParseRecord_should_split_at_first_colon_and_trim_when_key_is_padded_or_not(string record, string key, string value)
    {
        var result = ApcupsdStatusParser.ParseRecord(record);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal((key, value), (result.Value.Key, result.Value.Value));
    }

    [Theory]
    [InlineData(null, "no record")]
    [InlineData("Invalid command", "has no \"KEY : value\" colon")]
    [InlineData("   : value", "has no key")]
    [InlineData("KE\u0001Y : v", "control or invalid characters")]
    public void ParseRecord_should_fail_with_reason_when_record_is_not_key_value(string? record, string expected)
    {
        var result = ApcupsdStatusParser.ParseRecord(record);
        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void ParseStatus_should_skip_bad_lines_with_warnings_and_keep_the_rest_when_some_are_unreadable()
    {
        var status = ApcupsdStatusParser.ParseStatus(["junk one", "STATUS   : ONBATT", "BCHARGE  : 50.0 Percent", "BCHARGE  : 49.0 Percent", "junk two"]);
        Assert.Equal("ONBATT", status.Values["STATUS"]);
        Assert.Equal("49.0 Percent", status.Values["BCHARGE"]); // last one wins
        Assert.Equal(2, status.Warnings.Count);
        Assert.Equal("junk one", status.FirstRecord);
    }

    [Fact]
    public void ParseStatus_should_cap_warnings_when_many_lines_are_unreadable()
    {
        var status = ApcupsdStatusParser.ParseStatus(Enumerable.Range(0, 50).Select(i => $"junk {i}"));
        Assert.Equal(6, status.Warnings.Count);
        Assert.Equal("skipped 45 more unreadable status lines", status.Warnings[^1]);
    }

    [Theory]
    [InlineData("ONLINE ", new[] { "ONLINE" })]
    [InlineData("ONBATT LOWBATT", new[] { "ONBATT", "LOWBATT" })]
    [InlineData("SHUTTING DOWN", new[] { "SHUTTING DOWN" })]
    [InlineData("CAL TRIM BOOST ONLINE OVERLOAD REPLACEBATT NOBATT SLAVE SLAVEDOWN", new[] { "CAL", "TRIM", "BOOST", "ONLINE", "OVERLOAD", "REPLACEBATT", "NOBATT", "SLAVE", "SLAVEDOWN" })]
    [InlineData("DOWN SHUTTING", new[] { "DOWN", "SHUTTING" })]
    [InlineData("", new string[0])]
    public void ParseFlags_should_return_words_with_shutting_down_as_one_flag_when_status_is_given(string status, string[] expected)
    {
        Assert.Equal(expected.Order(), ApcupsdStatusParser.ParseFlags(status).Order());
    }

    [Theory]
    [InlineData("100.0 Percent", 100.0, "Percent")]
    [InlineData("20.0 Minutes", 20.0, "Minutes")]
    [InlineData(" 13.0 Percent Load Capacity", 13.0, "Percent")]
    [InlineData("865", 865.0, null)]
    [InlineData("1.5e2 Volts", 150.0, "Volts")]
    [InlineData("0 Seconds", 0.0, "Seconds")]
    public void ParseNumber_should_read_number_and_unit_when_value_carries_units(string value, double number, string? unit)
    {
        var result = ApcupsdStatusParser.ParseNumber(value);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(new ApcupsdNumber(number, unit), result.Value);
    }

    [Theory]
    [InlineData("N/A", "is not a number")]
    [InlineData("230,0 Volts", "is not a number")] // a comma-decimal locale never leaks in: invariant only
    [InlineData("NaN Percent", "is not a number")]
    [InlineData("Infinity", "is not a number")]
    [InlineData("-5.0 Percent", "is negative")]
    [InlineData("   ", "is empty")]
    [InlineData(null, "is empty")]
    public void ParseNumber_should_fail_with_reason_when_value_is_not_a_usable_number(string? value, string expected)
    {
        var result = ApcupsdStatusParser.ParseNumber(value);
        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error);
    }

    [Theory]
    [InlineData("0x05000008", 0x05000008u)]
    [InlineData("0x05040250 Status Flag", 0x05040250u)]
    [InlineData("5000008", 0x05000008u)]
    [InlineData("0xZZ", null)]
    [InlineData("0x123456789", null)]
    [InlineData("", null)]
    public void ParseStatFlag_should_read_hex_bits_or_null_when_value_is_given(string value, uint? expected)
    {
        Assert.Equal(expected, ApcupsdStatusParser.ParseStatFlag(value));
    }

    [Fact]
    public void Show_should_escape_control_characters_and_shorten_when_text_is_long()
    {
        Assert.Equal("\"a\\x0Ab\"", ApcupsdStatusParser.Show("a\nb"));
        Assert.EndsWith("… (500 chars)", ApcupsdStatusParser.Show(new string('x', 500)));
    }
}
