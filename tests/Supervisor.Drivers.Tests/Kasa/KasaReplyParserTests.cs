using static Supervisor.Drivers.Tests.Kasa.KasaSamples;

namespace Supervisor.Drivers.Tests.Kasa;

public sealed class KasaReplyParserTests
{
    private static T Ok<T>(KasaResult<T> r)
    {
        Assert.True(r.IsSuccess, r.Error);
        return r.Value;
    }

    private static string Failed<T>(KasaResult<T> r, int? code = null)
    {
        Assert.False(r.IsSuccess);
        Assert.Equal(code, r.DeviceErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(r.Error));
        return r.Error;
    }

    [Fact]
    public void ParseSysInfo_should_read_model_alias_and_relay_when_device_is_a_single_plug()
    {
        var info = Ok(KasaReplyParser.ParseSysInfo(Hs110SysInfo));
        Assert.Equal(("HS110(US)", "Sim HS110", "SIMHS110", true, true), (info.Model, info.Alias, info.DeviceId, info.RelayOn, info.HasEmeter));
        Assert.Empty(info.Children);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void ParseSysInfo_should_list_children_with_state_when_device_is_a_strip()
    {
        var info = Ok(KasaReplyParser.ParseSysInfo(Hs300SysInfo));
        Assert.Null(info.RelayOn); // a strip has no top-level relay_state
        Assert.Equal(
            [new KasaChild("SIMHS30000", "Mock One", false), new KasaChild("SIMHS30001", "Mock Two", true), new KasaChild("SIMHS30002", "Mock Three", true)],
            info.Children);
    }

    [Fact]
    public void ParseRealtime_should_read_SI_floats_when_device_is_HS110_v1()
    {
        var rt = Ok(KasaReplyParser.ParseRealtime(Hs110Realtime));
        Assert.Equal((120.5, 230.1, 0.52, 12.3), (rt.Watts, rt.Volts, rt.Amps, rt.EnergyKwh));
    }

    [Fact]
    public void ParseRealtime_should_scale_milli_units_when_device_replies_in_mV_mA_mW_Wh()
    {
        var rt = Ok(KasaReplyParser.ParseRealtime(V2Realtime));
        Assert.Equal((3.14, 122.049, 0.125, 51.493), (rt.Watts, rt.Volts, rt.Amps, rt.EnergyKwh));
    }

    [Fact]
    public void Parsers_should_read_both_sections_when_reply_is_combined()
    {
        Assert.False(Ok(KasaReplyParser.ParseSysInfo(Hs110Combined)).RelayOn);
        Assert.Equal(120.5, Ok(KasaReplyParser.ParseRealtime(Hs110Combined)).Watts);
    }

    [Fact]
    public void ParseRealtime_should_carry_device_error_code_when_child_is_unknown()
    {
        var error = Failed(KasaReplyParser.ParseRealtime(UnknownChild), -14);
        Assert.Contains("emeter.get_realtime with err_code -14 (\"entry not exist\")", error);
    }

    [Fact]
    public void ParseRealtime_should_carry_device_error_code_when_module_itself_is_refused()
    {
        var error = Failed(KasaReplyParser.ParseRealtime(NoEmeterModule), -1);
        Assert.Contains("answered emeter with err_code -1 (\"module not support\")", error);
    }

    [Fact]
    public void ParseRealtime_should_fail_naming_power_when_reply_has_no_power()
    {
        var error = Failed(KasaReplyParser.ParseRealtime("{\"emeter\":{\"get_realtime\":{\"voltage_mv\":230000,\"err_code\":0}}}"));
        Assert.Contains("no usable power (power or power_mw)", error);
    }

    [Fact]
    public void ParseRealtime_should_warn_and_leave_out_voltage_when_voltage_is_not_a_number()
    {
        var rt = Ok(KasaReplyParser.ParseRealtime("{\"emeter\":{\"get_realtime\":{\"power\":5,\"voltage\":\"230\",\"err_code\":0}}}"));
        Assert.Equal(5, rt.Watts);
        Assert.Null(rt.Volts);
        Assert.Equal("voltage is not a number: \"\"230\"\"; reported as unknown", Assert.Single(rt.Warnings));
    }

    [Fact]
    public void ParseSysInfo_should_warn_and_report_unknown_relay_when_relay_state_is_not_0_or_1()
    {
        var info = Ok(KasaReplyParser.ParseSysInfo("{\"system\":{\"get_sysinfo\":{\"relay_state\":7,\"err_code\":0}}}"));
        Assert.Null(info.RelayOn);
        Assert.Contains("relay_state is not 0 or 1", Assert.Single(info.Warnings));
    }

    [Theory]
    [InlineData("", "empty reply")]
    [InlineData("{\"system\":", "reply is not JSON")]
    [InlineData("[1,2]", "reply is not a JSON object")]
    [InlineData("{}", "reply has no \"system\" object")]
    [InlineData("{\"system\":{\"get_sysinfo\":5}}", "reply has no \"system\".\"get_sysinfo\" object")]
    [InlineData("{\"system\":{\"get_sysinfo\":{\"err_code\":\"x\"}}}", "malformed err_code")]
    [InlineData("{\"system\":{\"get_sysinfo\":{\"children\":{}}}}", "children is not a list")]
    [InlineData("{\"system\":{\"get_sysinfo\":{\"children\":[{\"state\":1}]}}}", "child #0 has no id")]
    public void ParseSysInfo_should_explain_when_reply_is_malformed(string json, string expected)
    {
        Assert.Contains(expected, Failed(KasaReplyParser.ParseSysInfo(json)));
    }

    [Fact]
    public void DecodePayload_should_fail_with_hex_when_bytes_are_not_kasa_encrypted()
    {
        // A TLS record header where a Kasa reply should be: decrypts to invalid UTF-8.
        var error = Failed(KasaReplyParser.DecodePayload(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0xff, 0x80 }));
        Assert.Contains("not Kasa-encrypted JSON", error);
        Assert.Contains("160301020001ff80", error);
    }

    [Fact]
    public void Show_should_shorten_and_escape_when_text_is_long_and_has_control_characters()
    {
        var shown = KasaReplyParser.Show("a\u0001" + new string('x', 500));
        Assert.StartsWith("\"a\\u0001xxx", shown);
        Assert.EndsWith("… (502 chars)", shown);
    }
}
