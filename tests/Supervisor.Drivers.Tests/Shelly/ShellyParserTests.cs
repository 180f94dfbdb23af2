namespace Supervisor.Drivers.Tests.Shelly;

/// <summary>The pure parsers on Shelly's documented payloads (verbatim, see <see cref="ShellyDocumentedPayloads"/>) and on broken ones.</summary>
public sealed class ShellyParserTests
{
    private static ReadOnlyMemory<byte> B(string s) => Encoding.UTF8.GetBytes(s);

    private static ShellyMeasurement Ok(ParseResult<ShellyMeasurement> r)
    {
        Assert.True(r.IsSuccess, r.Error);
        return r.Value;
    }

    private static string Err<T>(ParseResult<T> r)
    {
        Assert.False(r.IsSuccess, $"expected a failure, got {r}");
        return r.Error!;
    }

    [Fact]
    public void ParseDeviceInfo_should_return_gen1_and_type_when_reply_is_the_documented_gen1_shelly()
    {
        var info = ShellyParser.ParseDeviceInfo(B(ShellyDocumentedPayloads.Gen1Shelly));
        Assert.True(info.IsSuccess, info.Error);
        Assert.Equal(new ShellyDeviceInfo(1, "SHSW-21", null, true), info.Value);
        Assert.False(info.Value.IsRpc);
    }

    [Fact]
    public void ParseDeviceInfo_should_return_gen2_model_and_id_when_reply_is_a_plus_plug_s()
    {
        var info = ShellyParser.ParseDeviceInfo(B(ShellyDocumentedPayloads.Gen2PlusPlugSShelly));
        Assert.True(info.IsSuccess, info.Error);
        Assert.Equal(new ShellyDeviceInfo(2, "SNPL-00112EU", "shellyplusplugs-80646fd61f2c", false), info.Value);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void ParseDeviceInfo_should_use_the_rpc_api_when_gen_is_3_or_4(int gen)
    {
        var info = ShellyParser.ParseDeviceInfo(B($$"""{"id":"shellyplugsg3-x","model":"S3PL-00112EU","gen":{{gen}},"auth_en":true}"""));
        Assert.True(info.IsSuccess, info.Error);
        Assert.Equal(gen, info.Value.Generation);
        Assert.True(info.Value.IsRpc);
        Assert.True(info.Value.AuthEnabled);
    }

    [Theory]
    [InlineData("""{"mac":"AABB"}""", "neither \"gen\" (Gen2+) nor \"type\" (Gen1)")]
    [InlineData("""{"gen":"two"}""", "\"gen\" is the text \"two\", not a generation number")]
    [InlineData("""[1,2]""", "a list, not a JSON object")]
    [InlineData("", "an empty body")]
    [InlineData("<!DOCTYPE html><html>", "HTML instead of JSON")]
    public void ParseDeviceInfo_should_explain_when_reply_is_not_a_shelly(string body, string expected) =>
        Assert.Contains(expected, Err(ShellyParser.ParseDeviceInfo(B(body))));

    [Fact]
    public void ParseGen1Status_should_convert_watt_minutes_to_kwh_when_reply_is_the_documented_plug_s()
    {
        var m = Ok(ShellyParser.ParseGen1Status(B(ShellyDocumentedPayloads.Gen1PlugSStatus), 0));
        Assert.Equal(0.01, m.PowerWatts);
        Assert.Equal(4 / 60_000.0, m.EnergyKwh);
        Assert.True(m.RelayOn);
        Assert.Null(m.Voltage);
        Assert.Null(m.CurrentAmps);
        Assert.Equal("meters[0]", m.Source);
        Assert.Empty(m.Warnings);
    }

    [Fact]
    public void ParseGen1Status_should_read_relay_off_when_reply_is_the_documented_shelly_1pm()
    {
        var m = Ok(ShellyParser.ParseGen1Status(B(ShellyDocumentedPayloads.Gen1Shelly1PMStatus), 0));
        Assert.Equal(0, m.PowerWatts);
        Assert.False(m.RelayOn);
    }

    [Fact]
    public void ParseGen1Status_should_read_wh_totals_and_current_when_reply_has_emeters()
    {
        var m = Ok(ShellyParser.ParseGen1Status(B(ShellyDocumentedPayloads.Gen1Shelly3EMStatus), 2));
        Assert.Equal(8.83, m.PowerWatts);
        Assert.Equal(235.13, m.Voltage);
        Assert.Equal(0.15, m.CurrentAmps);
        Assert.Equal(349.6005, m.EnergyKwh!.Value, 9);
        Assert.Null(m.RelayOn);
        Assert.Equal("emeters[2]", m.Source);
    }

    [Fact]
    public void ParseGen1Status_should_leave_current_unknown_when_emeter_has_none_like_a_shelly_em()
    {
        // Shelly EM /status as documented: power, reactive, voltage, is_valid, total, total_returned.
        const string em = """{"relays":[{"ison":false}],"emeters":[{"power":0,"reactive":0,"voltage":0,"is_valid":true,"total":0,"total_returned":0}]}""";
        var m = Ok(ShellyParser.ParseGen1Status(B(em), 0));
        Assert.Null(m.CurrentAmps);
        Assert.Equal(0, m.EnergyKwh);
    }

    [Fact]
    public void ParseGen1Status_should_read_top_level_voltage_when_device_reports_it_like_a_shelly_2_5()
    {
        var m = Ok(ShellyParser.ParseGen1Status(B("""{"relays":[{"ison":true},{"ison":false}],"meters":[{"power":1},{"power":2.5}],"voltage":229.8}"""), 1));
        Assert.Equal(2.5, m.PowerWatts);
        Assert.Equal(229.8, m.Voltage);
        Assert.False(m.RelayOn);
    }

    [Theory]
    [InlineData("""{"meters":[{"is_valid":true}]}""", 0, "meters[0].power is missing")]
    [InlineData("""{"meters":[{"power":"12"}]}""", 0, "meters[0].power is the text \"12\", not a number")]
    [InlineData("""{"meters":[{"power":1e999}]}""", 0, "meters[0].power is the number 1e999, out of range")]
    [InlineData("""{"meters":[{"power":5,"is_valid":false}]}""", 0, "meters[0].is_valid is false")]
    [InlineData("""{"meters":[17]}""", 0, "meters[0] is the number 17, not an object")]
    [InlineData("""{"meters":[{"power":5}]}""", 1, "no meters[1] or emeters[1]: the device has 1 meter(s) and 0 emeter(s)")]
    [InlineData("""{"emeters":[{"power":5},{"power":6}]}""", 4, "set channel to 0..1")]
    [InlineData("""{"relays":[{"ison":true}]}""", 0, "no meters[] or emeters[] list")]
    [InlineData("""{"emeters":[{"voltage":230}]}""", 0, "emeters[0].power is missing")]
    [InlineData("null", 0, "the reply is null, not a JSON object")]
    [InlineData("{\"meters\":[{\"power\":1}", 0, "text that is not JSON")]
    public void ParseGen1Status_should_name_the_field_when_reply_has_the_wrong_shape(string body, int channel, string expected) =>
        Assert.Contains(expected, Err(ShellyParser.ParseGen1Status(B(body), channel)));

    [Fact]
    public void ParseGen1Status_should_warn_but_read_when_optional_fields_have_the_wrong_type()
    {
        var m = Ok(ShellyParser.ParseGen1Status(B("""{"relays":[{"ison":"yes","overpower":true}],"meters":[{"power":3,"total":"lots"}]}"""), 0));
        Assert.Equal(3, m.PowerWatts);
        Assert.Null(m.EnergyKwh);
        Assert.Null(m.RelayOn);
        Assert.Contains(m.Warnings, w => w.StartsWith("meters[0].total is the text \"lots\", not a number; reported as unknown"));
        Assert.Contains(m.Warnings, w => w.StartsWith("relays[0].ison is the text \"yes\", not true or false"));
        Assert.Contains(m.Warnings, w => w.Contains("overpower is true"));
    }

    [Fact]
    public void ParseGen2SwitchStatus_should_read_every_field_when_reply_is_the_documented_switch_status()
    {
        var m = Ok(ShellyParser.ParseGen2SwitchStatus(B(ShellyDocumentedPayloads.Gen2SwitchStatus), 0));
        Assert.Equal(0, m.PowerWatts);
        Assert.Equal(225.9, m.Voltage);
        Assert.Equal(0, m.CurrentAmps);
        Assert.Equal(50, m.FrequencyHz);
        Assert.Equal(0.011679, m.EnergyKwh!.Value, 12);
        Assert.False(m.RelayOn);
        Assert.Equal("switch:0", m.Source);
        Assert.Empty(m.Warnings);
    }

    [Fact]
    public void ParseGen2SwitchStatus_should_warn_about_device_errors_when_reply_lists_them()
    {
        var m = Ok(ShellyParser.ParseGen2SwitchStatus(B("""{"id":0,"output":false,"apower":0,"errors":["overpower"]}"""), 0));
        Assert.Contains(m.Warnings, w => w.Contains("error the text \"overpower\" on switch:0"));
    }

    [Theory]
    [InlineData("""{"id":0,"output":true}""", 0, "apower is missing: switch:0 has no power meter")]
    [InlineData("""{"id":0,"apower":null}""", 0, "apower is missing")]
    [InlineData("""{"id":0,"apower":true}""", 0, "apower is true, not a number")]
    [InlineData("""{"id":1,"apower":5}""", 0, "for switch id 1, not channel 0")]
    [InlineData("""{"code":-105,"message":"Argument 'id', value 3 not found!"}""", 3, "RPC error -105: Argument 'id', value 3 not found!")]
    [InlineData("\"just a string\"", 0, "not a JSON object")]
    public void ParseGen2SwitchStatus_should_name_the_field_when_reply_has_the_wrong_shape(string body, int channel, string expected) =>
        Assert.Contains(expected, Err(ShellyParser.ParseGen2SwitchStatus(B(body), channel)));

    [Fact]
    public void ParseGen2SwitchStatus_should_warn_but_read_when_optional_fields_have_the_wrong_type()
    {
        var m = Ok(ShellyParser.ParseGen2SwitchStatus(B("""{"apower":5,"voltage":"230","freq":[],"aenergy":{"total":"x"},"output":1}"""), 0));
        Assert.Equal(5, m.PowerWatts);
        Assert.Null(m.Voltage);
        Assert.Null(m.FrequencyHz);
        Assert.Null(m.EnergyKwh);
        Assert.Null(m.RelayOn);
        Assert.Equal(4, m.Warnings.Count);
    }

    [Fact]
    public void TryParseRpcError_should_return_code_and_message_only_for_rpc_error_bodies()
    {
        Assert.Equal(new ShellyRpcError(-105, "Argument 'id', value 3 not found!"), ShellyParser.TryParseRpcError(B(ShellyDocumentedPayloads.Gen2InvalidIdError)));
        Assert.Null(ShellyParser.TryParseRpcError(B("Not Found")));
        Assert.Null(ShellyParser.TryParseRpcError(B(ShellyDocumentedPayloads.Gen2SwitchStatus)));
    }

    [Fact]
    public void Show_should_cut_long_bodies_and_blank_control_characters()
    {
        var shown = ShellyJson.Show(Encoding.UTF8.GetBytes("a\u0000b\n" + new string('x', 200)));
        Assert.StartsWith("\"a b ", shown);
        Assert.EndsWith("…\"", shown);
        Assert.True(shown.Length <= ShellyJson.MaxShown + 3);
    }
}
