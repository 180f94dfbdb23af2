using Supervisor.Domain.Health.Triggers;
using static Supervisor.Domain.Tests.Configuration.SampleSettings;

namespace Supervisor.Domain.Tests.Configuration;

public class SettingsValidatorTests
{
    private static ConfigError Single(IReadOnlyList<ConfigError> errors)
    {
        Assert.True(errors.Count == 1, "expected one error, got: " + string.Join(" | ", errors));
        return errors[0];
    }

    [Fact]
    public void Validate_should_report_nothing_when_config_is_valid()
    {
        Assert.Empty(SettingsValidator.Validate(Valid()));
        Assert.Empty(SettingsValidator.ValidateWarnings(Valid()));
    }

    [Fact]
    public void Validate_should_list_known_devices_when_member_is_unknown()
    {
        var s = Valid().WithFirstGroup(g => g with { Members = ["ups-a", "ups-z"] });
        Assert.Equal("supervisor.groups.rack-a.members: unknown device \"ups-z\" (known devices: ups-a, ups-b)",
            Single(SettingsValidator.Validate(s)).ToString());
    }

    [Fact]
    public void Validate_should_say_no_devices_exist_when_member_is_unknown_and_no_devices_are_configured()
    {
        var s = Valid() with { Devices = [] };
        Assert.All(SettingsValidator.Validate(s), e => Assert.Contains("no devices are configured", e.Message));
    }

    [Fact]
    public void Validate_should_report_duplicate_member_when_a_device_is_listed_twice()
    {
        var s = Valid().WithFirstGroup(g => g with { Members = ["ups-a", "ups-a"] });
        var e = Single(SettingsValidator.Validate(s));
        Assert.Equal("supervisor.groups.rack-a.members", e.Path);
        Assert.Contains("\"ups-a\" is listed twice", e.Message);
    }

    [Theory]
    [InlineData(0, "must be at least 1")]
    [InlineData(3, "3 is more than the group's 2 member(s)")]
    public void Validate_should_report_min_healthy_when_out_of_range(int minHealthy, string expected)
    {
        var s = Valid().WithFirstGroup(g => g with { MinHealthy = minHealthy });
        var e = Single(SettingsValidator.Validate(s));
        Assert.Equal("supervisor.groups.rack-a.min-healthy", e.Path);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Validate_should_report_only_missing_members_when_group_has_no_members()
    {
        var s = Valid().WithFirstGroup(g => g with { Members = [] });
        Assert.Equal("supervisor.groups.rack-a.members", Single(SettingsValidator.Validate(s)).Path);
    }

    [Fact]
    public void Validate_should_report_phases_when_shutdown_has_no_phases()
    {
        var s = Valid().WithFirstGroup(g => g with { Shutdown = g.Shutdown with { Phases = [] } });
        Assert.Equal("supervisor.groups.rack-a.shutdown.phases", Single(SettingsValidator.Validate(s)).Path);
    }

    [Fact]
    public void Validate_should_report_steps_when_phase_has_no_steps()
    {
        var s = Valid().WithFirstGroup(g => g with { Shutdown = g.Shutdown with { Phases = [Phase("vms")] } });
        Assert.Equal("supervisor.groups.rack-a.shutdown.phases[0].steps", Single(SettingsValidator.Validate(s)).Path);
    }

    [Fact]
    public void Validate_should_report_second_phase_name_when_names_repeat()
    {
        var s = Valid().WithFirstGroup(g => g with
        {
            Shutdown = g.Shutdown with { Phases = [Phase("vms", Step("hv-1", "stop-vms")), Phase("vms", Step("hv-1", "poweroff"))] },
        });
        var e = Single(SettingsValidator.Validate(s));
        Assert.Equal("supervisor.groups.rack-a.shutdown.phases[1].name", e.Path);
        Assert.Contains("also phases[0]", e.Message);
    }

    [Fact]
    public void Validate_should_report_step_action_when_agent_host_does_not_allow_it()
    {
        var s = Valid().WithFirstGroup(g => g with
        {
            Shutdown = g.Shutdown with { Phases = [Phase("vms", Step("hv-1", "stop-vms"), Step("HV-1", "reboot"))] },
        });
        Assert.Equal(
            "supervisor.groups.rack-a.shutdown.phases[0].steps[1].action: host \"HV-1\" has no action \"reboot\" in supervisor.agent.actions (allowed: stop-vms, poweroff); add it there or fix the name",
            Single(SettingsValidator.Validate(s)).ToString());
    }

    [Fact]
    public void ValidateWarnings_should_warn_once_per_host_when_steps_target_a_host_without_agent_in_this_file()
    {
        var s = Valid().WithFirstGroup(g => g with
        {
            Shutdown = g.Shutdown with { Phases = [Phase("vms", Step("hv-2", "stop-vms"), Step("hv-2", "poweroff"), Step("hv-1", "stop-vms"))] },
        });
        Assert.Empty(SettingsValidator.Validate(s));
        var w = Single(SettingsValidator.ValidateWarnings(s));
        Assert.Equal("supervisor.groups.rack-a.shutdown.phases[0].steps[0].host", w.Path);
        Assert.Contains("checked at run time by that host's agent", w.Message);
    }

    [Fact]
    public void ValidateWarnings_should_warn_for_every_step_host_when_file_has_no_agent()
    {
        var s = Valid() with { Agent = null };
        Assert.Empty(SettingsValidator.Validate(s));
        Assert.Equal("supervisor.groups.rack-a.shutdown.phases[0].steps[0].host", Single(SettingsValidator.ValidateWarnings(s)).Path);
    }

    [Fact]
    public void ValidateWarnings_should_warn_when_device_is_in_no_group()
    {
        var s = Valid() with { Devices = [.. Valid().Devices, Device("ups-c")] };
        var w = Single(SettingsValidator.ValidateWarnings(s));
        Assert.Equal("supervisor.devices.ups-c", w.Path);
        Assert.Contains("in no group", w.Message);
    }

    [Fact]
    public void ValidateWarnings_should_warn_when_local_host_phase_is_not_last()
    {
        var s = Valid().WithFirstGroup(g => g with { Shutdown = g.Shutdown with { Phases = [.. g.Shutdown.Phases.Reverse()] } });
        Assert.Equal("supervisor.groups.rack-a.shutdown.phases[0].name", Single(SettingsValidator.ValidateWarnings(s)).Path);
    }

    [Fact]
    public void ValidateWarnings_should_warn_when_agent_allows_no_actions()
    {
        var s = Valid() with { Groups = [], Devices = [], Agent = Agent() with { Actions = [] } };
        Assert.Equal("supervisor.agent.actions", Single(SettingsValidator.ValidateWarnings(s)).Path);
    }

    [Theory]
    [InlineData(0, "poll-interval")]
    [InlineData(-1, "poll-interval")]
    public void Validate_should_report_poll_interval_when_not_positive(int seconds, string key)
    {
        var s = Valid().WithDevice(0, d => d with { PollInterval = TimeSpan.FromSeconds(seconds) });
        Assert.Equal($"supervisor.devices.ups-a.{key}", Single(SettingsValidator.Validate(s)).Path);
    }

    [Fact]
    public void Validate_should_report_stale_after_when_shorter_than_poll_interval()
    {
        var s = Valid().WithDevice(1, d => d with { StaleAfter = TimeSpan.FromSeconds(1) });
        var e = Single(SettingsValidator.Validate(s));
        Assert.Equal("supervisor.devices.ups-b.stale-after", e.Path);
        Assert.Contains("1s is shorter than poll-interval 2s", e.Message);
    }

    [Fact]
    public void Validate_should_report_every_timeout_when_not_positive()
    {
        var s = Valid().WithDevice(0, d => d with { Timeout = TimeSpan.Zero })
            .WithFirstGroup(g => g with { Shutdown = g.Shutdown with { Phases = [Phase("vms", Step("hv-1", "stop-vms") with { Timeout = TimeSpan.Zero })] } });
        s = s with { Agent = s.Agent! with { Actions = [new AgentAction("stop-vms", ["x"], TimeSpan.FromSeconds(-1))] } };
        Assert.Equal(
            ["supervisor.devices.ups-a.timeout", "supervisor.groups.rack-a.shutdown.phases[0].steps[0].timeout", "supervisor.agent.actions.stop-vms.timeout"],
            SettingsValidator.Validate(s).Select(e => e.Path));
    }

    [Fact]
    public void Validate_should_report_command_when_agent_action_has_empty_command()
    {
        var s = Valid() with { Agent = Agent() with { Actions = [new AgentAction("stop-vms", [], TimeSpan.FromSeconds(5)), new AgentAction("poweroff", ["systemctl", " "], TimeSpan.FromSeconds(5))] } };
        Assert.Equal(["supervisor.agent.actions.stop-vms.command", "supervisor.agent.actions.poweroff.command[1]"],
            SettingsValidator.Validate(s).Select(e => e.Path));
    }

    [Fact]
    public void Validate_should_report_trigger_paths_when_numbers_are_out_of_range()
    {
        var t = TriggerSettings.Defaults with
        {
            ChargePercent = 101, LowBatteryGuardPercent = -1, Depletion = DepletionSettings.Defaults with { PercentPerMinute = 0 },
        };
        var s = Valid().WithDevice(0, d => d with { Triggers = t });
        Assert.Equal(
            ["supervisor.devices.ups-a.triggers.low-battery-guard", "supervisor.devices.ups-a.triggers.charge", "supervisor.devices.ups-a.triggers.depletion.rate"],
            SettingsValidator.Validate(s).Select(e => e.Path));
    }

    [Fact]
    public void Validate_should_name_the_path_when_on_battery_delay_is_negative()
    {
        var s = Valid().WithDevice(0, d => d with { Triggers = d.Triggers with { OnBatteryDelay = TimeSpan.FromSeconds(-1) } });
        Assert.Equal(["supervisor.devices.ups-a.triggers.on-battery-delay"], SettingsValidator.Validate(s).Select(e => e.Path));
    }

    [Fact]
    public void ValidateWarnings_should_warn_when_on_battery_delay_could_outlast_the_runtime_trigger()
    {
        var s = Valid().WithDevice(0, d => d with { Triggers = d.Triggers with { Runtime = TimeSpan.FromSeconds(20), OnBatteryDelay = TimeSpan.FromSeconds(30) } });
        Assert.Contains(SettingsValidator.ValidateWarnings(s), w => w.Path == "supervisor.devices.ups-a.triggers.on-battery-delay");
        Assert.DoesNotContain(SettingsValidator.ValidateWarnings(Valid()), w => w.Path.EndsWith("on-battery-delay", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_should_reject_degraded_as_a_value_of_degraded_counts_as()
    {
        var s = Valid() with { Groups = [Valid().Groups[0] with { DegradedCountsAs = CountsAs.Degraded, UnknownCountsAs = CountsAs.Degraded }] };
        var error = Assert.Single(SettingsValidator.Validate(s));
        Assert.Equal($"{ConfigPath.Group(s.Groups[0].Id)}.degraded-counts-as", error.Path);
    }

    [Fact]
    public void Validate_should_report_the_group_path_when_a_group_trigger_override_is_out_of_range()
    {
        var s = Valid().WithFirstGroup(g => g with { Triggers = TriggerOverrides.Of(ChargeTrigger.LimitPercent.Override(120)) });
        Assert.Equal(["supervisor.groups.rack-a.triggers.charge"], SettingsValidator.Validate(s).Select(e => e.Path));
    }

    [Fact]
    public void ValidateWarnings_should_warn_at_the_group_path_when_its_delay_could_outlast_a_members_runtime_trigger()
    {
        var s = Valid().WithFirstGroup(g => g with { Triggers = TriggerOverrides.Of(OnBatteryDelaySetting.Delay.Override(TimeSpan.FromMinutes(20))) });
        Assert.Single(SettingsValidator.ValidateWarnings(s), w => w.Path == "supervisor.groups.rack-a.triggers.on-battery-delay");
    }

    [Fact]
    public void Validate_should_accept_disabled_triggers()
    {
        var t = new TriggerSettings(false, 50, null, null, null, null, false);
        Assert.Empty(SettingsValidator.Validate(Valid().WithDevice(0, d => d with { Triggers = t })));
    }

    [Fact]
    public void Validate_should_report_nut_host_ups_and_port_when_missing_or_invalid()
    {
        var s = Valid().WithDevice(0, d => d with { Options = new NutOptions("", 0, " ", null, null) });
        Assert.Equal(["supervisor.devices.ups-a.host", "supervisor.devices.ups-a.ups", "supervisor.devices.ups-a.port"],
            SettingsValidator.Validate(s).Select(e => e.Path));
    }

    [Fact]
    public void Validate_should_report_duplicate_ids_and_empty_data_dir()
    {
        var s = Valid() with { DataDir = " ", Devices = [Device("ups-a"), Device("ups-a"), Device("ups-b")] };
        Assert.Equal(["supervisor.data-dir", "supervisor.devices.ups-a"], SettingsValidator.Validate(s).Select(e => e.Path));
    }

    [Fact]
    public void Validate_should_quote_ids_in_paths_when_they_contain_dots()
    {
        var s = Valid().WithDevice(0, d => d with { Id = "ups.a", PollInterval = TimeSpan.Zero }).WithFirstGroup(g => g with { Members = ["ups.a", "ups-b"] });
        Assert.Equal("supervisor.devices.\"ups.a\".poll-interval", Single(SettingsValidator.Validate(s)).Path);
    }

    [Fact]
    public void Validate_should_report_missing_agent_host_and_empty_step_fields()
    {
        var s = Valid().WithFirstGroup(g => g with { Shutdown = g.Shutdown with { Phases = [Phase("vms", Step("", ""))] } });
        s = s with { Agent = s.Agent! with { Host = "" } };
        Assert.Equal(
            ["supervisor.groups.rack-a.shutdown.phases[0].steps[0].host", "supervisor.groups.rack-a.shutdown.phases[0].steps[0].action", "supervisor.agent.host"],
            SettingsValidator.Validate(s).Select(e => e.Path));
    }
}
