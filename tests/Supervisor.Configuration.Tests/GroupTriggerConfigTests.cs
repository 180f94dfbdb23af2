using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.groups.&lt;id&gt;.triggers { … }</c>: per-group trigger overrides for shared devices.</summary>
public class GroupTriggerConfigTests
{
    private static string Config(string groupTriggers) => $$"""
        supervisor.devices.ups-a { {{NutDevice}}, triggers { charge = 20, depletion { rate = 20 } } }
        {{RackA}}
        supervisor.groups.rack-a.triggers {{groupTriggers}}
        """;

    [Fact]
    public void Loader_should_apply_only_the_keys_a_group_sets_over_its_members_triggers()
    {
        var s = LoadValid(Config("{ charge = 40, runtime = off, on-battery-delay = 0s, depletion { grace = 10s } }"));
        var device = s.Devices.Single();
        var t = s.Groups.Single().TriggersFor(device);
        Assert.Equal(device.Triggers with
        {
            ChargePercent = 40, Runtime = null, OnBatteryDelay = TimeSpan.Zero,
            Depletion = device.Triggers.Depletion! with { Grace = TimeSpan.FromSeconds(10) },
        }, t);
        Assert.Equal(20, device.Triggers.ChargePercent); // the device itself is unchanged
    }

    [Fact]
    public void Loader_should_turn_depletion_off_for_the_group_only_when_it_says_off()
    {
        var s = LoadValid(Config("{ depletion = off }"));
        Assert.Null(s.Groups.Single().TriggersFor(s.Devices.Single()).Depletion);
        Assert.NotNull(s.Devices.Single().Triggers.Depletion);
    }

    [Fact]
    public void Loader_should_leave_members_triggers_alone_when_a_group_has_no_triggers_block()
    {
        var s = LoadValid($"supervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}");
        Assert.Null(s.Groups.Single().Triggers);
    }

    [Fact]
    public void Loader_should_name_the_group_path_when_a_group_trigger_is_invalid()
    {
        Assert.Equal("supervisor.groups.rack-a.triggers.charge", SingleError(Load(Config("{ charge = 150 }"))).Path);
        Assert.Equal("supervisor.groups.rack-a.triggers.runtime", SingleError(Load(Config("{ runtime = soon }"))).Path);
        Assert.Equal("supervisor.groups.rack-a.triggers", SingleError(Load($"supervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}\nsupervisor.groups.rack-a.triggers = 40")).Path);
    }

    [Fact]
    public void Loader_should_warn_about_a_misspelt_key_in_a_group_triggers_block()
    {
        var r = Load(Config("{ charg = 40 }"));
        Assert.Empty(r.Errors);
        var warning = Assert.Single(r.Warnings, w => w.Path == "supervisor.groups.rack-a.triggers.charg");
        Assert.Contains("did you mean charge?", warning.Message);
    }
}
