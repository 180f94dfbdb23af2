using Supervisor.Domain.Nut;
using static Supervisor.Domain.Tests.Nut.NutTestFleet;

namespace Supervisor.Domain.Tests.Nut;

/// <summary>How a group's and a device's state become a virtual UPS's variables (docs/nut-server.md).</summary>
public class VirtualUpsBuilderTests
{
    private static VirtualUps Rack(NutFleetState s) => View(s).Find("rack-a")!;

    [Fact]
    public void Group_should_stay_ol_while_enough_members_are_on_mains_and_go_ob_when_too_few_are()
    {
        var oneOut = State().Apply(Sample("ups-a", onBattery: true)).Apply(Sample("ups-b", onBattery: false));
        Assert.Equal("OL", Rack(oneOut).Var("ups.status"));
        var bothOut = oneOut.Apply(Sample("ups-b", onBattery: true));
        Assert.Equal("OB", Rack(bothOut).Var("ups.status"));
    }

    [Fact]
    public void Group_should_show_lb_when_on_battery_and_a_member_reports_low_battery()
    {
        var s = State().Apply(Sample("ups-a", onBattery: true, lowBattery: true)).Apply(Sample("ups-b", onBattery: true));
        Assert.Equal("OB LB", Rack(s).Var("ups.status"));
    }

    [Theory]
    [InlineData(GroupState.QuorumLost, "FSD OB")]
    [InlineData(GroupState.ShutdownComplete, "FSD OB")]
    [InlineData(GroupState.Aborted, "FSD OB")]
    [InlineData(GroupState.Degraded, "OB")]
    public void Group_should_show_fsd_from_the_saga_start_until_it_re_arms(GroupState state, string status)
    {
        var s = State().Apply(Sample("ups-a", true)).Apply(Sample("ups-b", true))
            .Apply(new GroupSampled("rack-a", state, 0, 1, 2, null, T0));
        Assert.Equal(status, Rack(s).Var("ups.status"));
    }

    [Fact]
    public void Fsd_should_clear_when_the_group_re_arms_unlike_upsd()
    {
        var lost = State().Apply(new GroupStateChanged("rack-a", GroupState.Degraded, GroupState.QuorumLost, "0 of 2", T0)).WithClientFsd("rack-a");
        Assert.Equal("FSD OL", Rack(lost).Var("ups.status"));
        var rearmed = lost.Apply(new GroupEpisodeChanged("rack-a", 7, "rearmed", null, null, null, "quorum held", T0))
            .Apply(new GroupStateChanged("rack-a", GroupState.Aborted, GroupState.Healthy, "2 of 2", T0));
        Assert.Equal("OL", Rack(rearmed).Var("ups.status"));
    }

    [Fact]
    public void Charge_and_runtime_should_be_the_weakest_members_and_the_groups_own_runtime_first()
    {
        var s = State().Apply(Sample("ups-a", true, charge: 80, runtime: 900)).Apply(Sample("ups-b", true, charge: 55.55, runtime: 1200));
        Assert.Equal("55.6", Rack(s).Var("battery.charge"));
        Assert.Equal("900", Rack(s).Var("battery.runtime"));
        var estimated = s.Apply(new GroupSampled("rack-a", GroupState.Degraded, 2, 1, 2, 1500.4, T0));
        Assert.Equal("1500", Rack(estimated).Var("battery.runtime"));
    }

    [Fact]
    public void Unread_members_should_give_no_charge_and_no_outage()
    {
        Assert.Null(Rack(State()).Var("battery.charge"));
        Assert.Equal("OL", Rack(State()).Var("ups.status"));
    }

    [Fact]
    public void Devices_should_be_served_only_when_exposed_and_show_their_own_flags()
    {
        var s = State().Apply(Sample("ups-a", true, lowBattery: true));
        Assert.Null(View(s).Find("ups-a"));
        var exposed = View(s, exposeDevices: true);
        Assert.Equal(["rack-a", "ups-a", "ups-b"], exposed.Ups.Select(u => u.Name));
        Assert.Equal("OB LB", exposed.Find("ups-a")!.Var("ups.status"));
        Assert.Equal("WAIT", exposed.Find("ups-b")!.Var("ups.status"));
        Assert.Equal("230", exposed.Find("ups-a")!.Var("input.voltage"));
    }

    [Fact]
    public void A_device_named_like_a_group_should_be_left_out_so_each_name_means_one_ups()
    {
        var s = NutFleetState.Configured([new NutGroupFacts("x", ["x"], 1, null, null, null)], [Device("x")]);
        Assert.Single(VirtualUpsBuilder.Build(s, ["x"], ["x"], exposeDevices: true));
    }

    [Fact]
    public void Status_answer_should_update_a_group_and_a_device_with_low_battery_from_its_raw_status()
    {
        var s = State()
            .WithGroupStatus("rack-a", GroupState.QuorumLost, 0, 300)
            .WithDeviceStatus("ups-a", "CRITICAL", true, new HashSet<string> { "OB", "LB" }, 10, 300, 90)
            .WithDeviceStatus("ups-b", "CRITICAL", true, new HashSet<string> { "OB" }, 12, 320, 90);
        Assert.Equal("FSD OB LB", Rack(s).Var("ups.status"));
        Assert.Equal("300", Rack(s).Var("battery.runtime"));
    }
}
