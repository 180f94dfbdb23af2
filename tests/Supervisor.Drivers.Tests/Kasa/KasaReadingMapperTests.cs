using static Supervisor.Drivers.Tests.Kasa.KasaSamples;

namespace Supervisor.Drivers.Tests.Kasa;

public sealed class KasaReadingMapperTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToReading_should_fill_power_voltage_current_energy_and_relay_when_device_is_a_plug()
    {
        var info = KasaReplyParser.ParseSysInfo(Hs110SysInfo).Value;
        var rt = KasaReplyParser.ParseRealtime(Hs110Realtime).Value;
        var r = KasaReadingMapper.ToReading("plug-a", info, null, rt, Time).Reading;
        Assert.Equal(("plug-a", Time, true, false, false, false), (r.DeviceId, r.Time, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal((120.5, 230.1, 0.52, 12.3, true), (r.PowerWatts, r.InputVoltage, r.CurrentAmps, r.EnergyKwh, r.RelayOn));
        Assert.Equal((null, null, null, null), (r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.FrequencyHz));
        Assert.Equal("HS110(US) \"Sim HS110\": relay on, 120.5 W", r.RawStatus);
    }

    [Fact]
    public void ToReading_should_take_relay_from_the_outlet_when_device_is_a_strip()
    {
        var info = KasaReplyParser.ParseSysInfo(Hs300SysInfo).Value;
        var outlet = KasaOutlets.Resolve("0", info).Value;
        var rt = KasaReplyParser.ParseRealtime(V2Realtime).Value;
        var r = KasaReadingMapper.ToReading("strip-0", info, outlet, rt, Time).Reading;
        Assert.False(r.RelayOn);
        Assert.Equal("HS300(US) \"Sim HS300\" outlet 0 \"Mock One\": relay off, 3.14 W", r.RawStatus);
    }

    [Fact]
    public void ToReading_should_pass_on_warnings_when_fields_were_unusable()
    {
        var info = KasaReplyParser.ParseSysInfo("{\"system\":{\"get_sysinfo\":{\"relay_state\":\"on\"}}}").Value;
        var rt = KasaReplyParser.ParseRealtime("{\"emeter\":{\"get_realtime\":{\"power\":1,\"total\":\"x\"}}}").Value;
        var mapped = KasaReadingMapper.ToReading("p", info, null, rt, Time);
        Assert.Equal(2, mapped.Warnings.Count);
        Assert.Equal("the Kasa device: relay unknown, 1 W", mapped.Reading.RawStatus);
    }
}
