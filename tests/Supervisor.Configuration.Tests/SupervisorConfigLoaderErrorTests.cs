using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class SupervisorConfigLoaderErrorTests
{
    private static string Device(string extra) => $"supervisor.devices.ups-a {{ {NutDevice}, {extra} }}\n{RackA}";

    [Fact]
    public void Loader_should_explain_duration_when_value_is_not_a_duration()
    {
        var e = SingleError(Load(Device("poll-interval = 2 parsecs")));
        Assert.Equal("supervisor.devices.ups-a.poll-interval: \"2 parsecs\" is not a duration; write e.g. 2s or 500ms", e.ToString());
    }

    [Fact]
    public void Loader_should_list_drivers_when_driver_is_unknown()
    {
        var e = SingleError(Load($"supervisor.devices.x {{ driver = foo }}\nsupervisor.groups.g {{ members = [x], shutdown.phases = [ {{ name = p, steps = [ {{ host = h, action = a }} ] }} ] }}"));
        Assert.Equal("supervisor.devices.x.driver: unknown driver \"foo\"; use one of nut, simulated, kasa, modbus, shelly, apcupsd", e.ToString());
    }

    [Fact]
    public void Loader_should_report_missing_driver_when_driver_is_not_set()
    {
        var r = Load("supervisor.devices.x { host = a }");
        Assert.Equal("supervisor.devices.x.driver: missing; use one of nut, simulated, kasa, modbus, shelly, apcupsd", SingleError(r).ToString());
    }

    [Fact]
    public void Loader_should_list_known_devices_when_member_is_unknown()
    {
        var r = Load($$"""
            supervisor.devices { ups-a { {{NutDevice}} }
              ups-b { {{NutDevice}} } }
            supervisor.groups.rack-a { members = [ups-a, ups-b, ups-z], shutdown.phases = [ { name = p, steps = [ { host = h, action = a } ] } ] }
            """);
        Assert.Equal("supervisor.groups.rack-a.members: unknown device \"ups-z\" (known devices: ups-a, ups-b)", SingleError(r).ToString());
    }

    [Fact]
    public void Loader_should_report_host_and_ups_when_nut_device_lacks_them()
    {
        var r = Load($"supervisor.devices.ups-a {{ driver = nut }}\n{RackA}");
        Assert.Equal(["supervisor.devices.ups-a.host", "supervisor.devices.ups-a.ups"], r.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Loader_should_report_step_paths_when_steps_are_wrong()
    {
        var r = Load($$"""
            supervisor.devices.ups-a { {{NutDevice}} }
            supervisor.groups.rack-a { members = [ups-a]
              shutdown.phases = [
                { name = vms, steps = [ { host = hv-1, action = poweroff }, { action = poweroff }, { host = hv-1, action = reboot, timeout = 0s } ] },
                { name = vms, steps = [ { host = hv-1, action = poweroff, irreversible = perhaps } ] },
                { name = empty, steps = [] },
                oops
              ] }
            supervisor.agent { host = hv-1, actions { poweroff { command = [systemctl, poweroff] } } }
            """);
        Assert.Equal(
            [
                "supervisor.groups.rack-a.shutdown.phases[1].steps[0].irreversible",
                "supervisor.groups.rack-a.shutdown.phases[3]",
                "supervisor.groups.rack-a.shutdown.phases[0].steps[1].host",
                "supervisor.groups.rack-a.shutdown.phases[0].steps[2].action",
                "supervisor.groups.rack-a.shutdown.phases[0].steps[2].timeout",
                "supervisor.groups.rack-a.shutdown.phases[1].name",
                "supervisor.groups.rack-a.shutdown.phases[2].steps",
            ],
            r.Errors.Select(e => e.Path));
        Assert.Contains("has no action \"reboot\" in supervisor.agent.actions (allowed: poweroff)", r.Errors[3].Message);
    }

    [Fact]
    public void Loader_should_report_agent_errors_when_agent_section_is_wrong()
    {
        var r = Load("""
            supervisor.agent { dry-run = sometimes
              actions { poweroff { command = [] }
                sync { command = "sync" }
                halt = now } }
            """);
        Assert.Equal(
            [
                "supervisor.agent.dry-run",
                "supervisor.agent.actions.sync.command",
                "supervisor.agent.actions.halt",
                "supervisor.agent.host",
                "supervisor.agent.actions.poweroff.command",
            ],
            r.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Loader_should_report_all_errors_at_once_when_file_has_three_different_mistakes()
    {
        var r = Load($$"""
            supervisor.devices.ups-a { {{NutDevice}}, poll-interval = 2 parsecs }
            supervisor.devices.ups-b { driver = foo }
            supervisor.groups.rack-a { members = [ups-a, ups-b, ups-z], shutdown.phases = [ { name = p, steps = [ { host = h, action = a } ] } ] }
            """);
        Assert.Null(r.Settings);
        Assert.Equal(
            ["supervisor.devices.ups-a.poll-interval", "supervisor.devices.ups-b.driver", "supervisor.groups.rack-a.members"],
            r.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Loader_should_report_defaults_path_once_when_a_user_default_is_wrong()
    {
        var r = Load($$"""
            supervisor.defaults.device.timeout = soon
            supervisor.devices { ups-a { {{NutDevice}} }
              ups-b { {{NutDevice}} } }
            supervisor.groups.rack-a { members = [ups-a, ups-b], shutdown.phases = [ { name = p, steps = [ { host = h, action = a } ] } ] }
            """);
        Assert.Equal("supervisor.defaults.device.timeout", SingleError(r).Path);
    }

    [Fact]
    public void Loader_should_report_entry_when_device_or_group_is_not_an_object()
    {
        var r = Load("supervisor.devices.ups-a = 5\nsupervisor.groups.rack-a = [1]\nsupervisor.devices.\"ups.b\" { driver = nope }");
        Assert.Equal(["supervisor.devices.ups-a", "supervisor.devices.\"ups.b\".driver", "supervisor.groups.rack-a"], r.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Loader_should_report_supervisor_when_section_is_not_an_object()
    {
        Assert.Equal("supervisor", SingleError(Load("supervisor = 5")).Path);
    }
}
