using static Supervisor.Drivers.Tests.Kasa.KasaSamples;

namespace Supervisor.Drivers.Tests.Kasa;

public sealed class KasaOutletsTests
{
    private static readonly KasaSysInfo Strip = KasaReplyParser.ParseSysInfo(Hs300SysInfo).Value;
    private static readonly KasaSysInfo Plug = KasaReplyParser.ParseSysInfo(Hs110SysInfo).Value;

    [Fact]
    public void Resolve_should_return_no_outlet_when_device_is_a_plug_and_outlet_is_not_set()
    {
        var r = KasaOutlets.Resolve(null, Plug);
        Assert.True(r.IsSuccess, r.Error);
        Assert.Null(r.Value);
    }

    [Theory]
    [InlineData("2", 2, "SIMHS30002")]
    [InlineData("0", 0, "SIMHS30000")]
    [InlineData("SIMHS30001", 1, "SIMHS30001")]
    [InlineData("simhs30001", 1, "SIMHS30001")]
    public void Resolve_should_find_child_when_outlet_is_an_index_or_an_id(string outlet, int index, string id)
    {
        var r = KasaOutlets.Resolve(outlet, Strip);
        Assert.True(r.IsSuccess, r.Error);
        Assert.Equal((index, id), (r.Value!.Index, r.Value.Child.Id));
    }

    [Theory]
    [InlineData("3", "HS300(US) \"Sim HS300\" has no outlet 3: it has 3 outlets, 0 to 2 (counted from 0)")]
    [InlineData("BOGUS", "has no outlet with id \"BOGUS\"")]
    [InlineData(null, "is a power strip with 3 outlets; set outlet = 0 to 2")]
    public void Resolve_should_name_outlet_and_list_child_ids_when_outlet_does_not_match(string? outlet, string expected)
    {
        var r = KasaOutlets.Resolve(outlet, Strip);
        Assert.False(r.IsSuccess);
        Assert.Contains(expected, r.Error);
        Assert.Contains("Its outlets: 0 = SIMHS30000 \"Mock One\", 1 = SIMHS30001 \"Mock Two\", 2 = SIMHS30002 \"Mock Three\"", r.Error);
    }

    [Fact]
    public void Resolve_should_tell_to_remove_outlet_when_device_is_not_a_strip()
    {
        var r = KasaOutlets.Resolve("1", Plug);
        Assert.False(r.IsSuccess);
        Assert.Contains("outlet = 1 is set, but HS110(US) \"Sim HS110\" is not a power strip", r.Error);
    }
}
