using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class SupervisorConfigLoaderDefaultsTests
{
    [Fact]
    public void ReferenceConfig_should_be_embedded_and_hold_defaults()
    {
        var reference = SupervisorConfigLoader.ReferenceConfig;
        Assert.Equal("data", reference.GetString("supervisor.data-dir"));
        Assert.Equal(TimeSpan.FromSeconds(2), reference.GetTimeSpan("supervisor.defaults.device.poll-interval"));
    }

    [Fact]
    public void Loader_should_load_an_idle_node_when_config_is_empty()
    {
        var r = Load("");
        Assert.Empty(r.Warnings);
        var s = LoadValid("");
        Assert.Equal("data", s.DataDir);
        Assert.Empty(s.Devices);
        Assert.Empty(s.Groups);
        Assert.Null(s.Agent);
    }

    [Fact]
    public void Loader_should_apply_device_defaults_when_only_required_keys_are_set()
    {
        var d = LoadValid($"supervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}").Devices.Single();
        Assert.Equal("nut", d.Driver);
        Assert.Equal(TimeSpan.FromSeconds(2), d.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), d.StaleAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), d.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), d.Stabilize);
        Assert.Equal(TriggerSettings.Defaults, d.Triggers);
        Assert.Equal(new NutOptions("127.0.0.1", 3493, "ups1", null, null), d.Options);
    }

    [Fact]
    public void Loader_should_default_stale_after_to_five_poll_intervals_when_poll_interval_is_overridden()
    {
        var d = LoadValid($"supervisor.devices.ups-a {{ {NutDevice}, poll-interval = 500ms }}\n{RackA}").Devices.Single();
        Assert.Equal(TimeSpan.FromMilliseconds(2500), d.StaleAfter);
    }

    [Fact]
    public void Loader_should_apply_simulated_defaults_when_only_driver_is_set()
    {
        var d = LoadValid($"supervisor.devices.ups-a {{ driver = simulated }}\n{RackA}").Devices.Single();
        Assert.Equal(new SimulatedOptions(SimulatedProfile.Steady, TimeSpan.FromSeconds(10), null, TimeSpan.FromSeconds(1800),
            TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), 20, 40, 230, 400), d.Options);
    }

    [Fact]
    public void Loader_should_apply_group_and_step_defaults_when_only_members_and_phases_are_set()
    {
        var s = LoadValid($$"""
            supervisor.devices.ups-a { {{NutDevice}} }
            supervisor.groups.rack-a {
              members = [ups-a]
              shutdown.phases = [
                { name = vms, steps = [ { host = hv-1, action = stop-vms } ] },
                { name = remote-hosts, steps = [ { host = hv-2, action = poweroff } ] },
                { name = local-host, steps = [ { host = hv-1, action = poweroff } ] }
              ]
            }
            supervisor.agent { host = hv-1, actions { stop-vms { command = [virsh] }
              poweroff { command = [systemctl, poweroff] } } }
            """);
        var g = s.Groups.Single();
        Assert.Equal(1, g.MinHealthy);
        Assert.Equal(CountsAs.Healthy, g.DegradedCountsAs);
        Assert.Equal(CountsAs.Healthy, g.UnknownCountsAs);
        Assert.Null(g.StartupGrace);
        Assert.Equal(TimeSpan.FromSeconds(60), g.RearmAfter);
        Assert.Equal(TimeSpan.FromSeconds(60), g.Shutdown.SafetyMargin);
        Assert.Equal(PowerRestoredPolicy.Abort, g.Shutdown.OnPowerRestored);
        Assert.Equal(TimeSpan.FromSeconds(5), g.Shutdown.RetryInterval);
        Assert.Equal(["vms", "remote-hosts", "local-host"], g.Shutdown.Phases.Select(p => p.Name));
        Assert.All(g.Shutdown.Phases, p => Assert.Equal(TimeSpan.FromSeconds(60), p.Steps[0].Timeout));
        Assert.Equal([false, true, true], g.Shutdown.Phases.Select(p => p.Steps[0].Irreversible));
    }

    [Fact]
    public void Loader_should_apply_agent_defaults_when_only_host_and_command_are_set()
    {
        var a = LoadValid("supervisor.agent { host = node-2, actions { sync { command = [sync] } } }").Agent!;
        Assert.Equal("node-2", a.Host);
        Assert.True(a.DryRun);
        Assert.Equal(Path.Combine("data", "agent-actions.jsonl"), a.ActionLog);
        var action = Assert.Single(a.Actions);
        Assert.Equal(("sync", TimeSpan.FromSeconds(60)), (action.Name, action.Timeout));
        Assert.Equal(["sync"], Assert.IsType<CommandSpec>(action.Spec).Argv);
    }

    [Fact]
    public void Loader_should_use_every_override_when_keys_are_set()
    {
        var s = LoadValid($$"""
            supervisor {
              data-dir = "/var/lib/supervisor"
              devices.ups-a {
                {{NutDevice}}, port = 3494, username = mon, password = pw
                poll-interval = 5s, stale-after = 1m, timeout = 1s, stabilize = 0s
                triggers { low-battery = off, low-battery-guard = 60%, charge = 35, runtime = 2m, on-battery = 10m, fsd = off
                  on-battery-delay = 10s
                  depletion { rate = 10 } }
              }
              groups.rack-a {
                members = [ups-a], min-healthy = 1, degraded-counts-as = critical, unknown-counts-as = critical
                startup-grace = 45s, rearm-after = 5m
                shutdown { safety-margin = 2m, on-power-restored = continue, retry-interval = 1s
                  phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff, timeout = 90s, irreversible = off } ] } ] }
              }
              agent { host = hv-1, dry-run = off, action-log = "/var/log/actions.jsonl"
                actions { poweroff { command = [systemctl, poweroff], timeout = 10s } } }
            }
            """);
        Assert.Equal("/var/lib/supervisor", s.DataDir);
        var d = s.Devices.Single();
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeSpan.Zero), (d.PollInterval, d.StaleAfter, d.Timeout, d.Stabilize));
        Assert.Equal(new NutOptions("127.0.0.1", 3494, "ups1", "mon", "pw"), d.Options);
        Assert.Equal(new TriggerSettings(false, 60, 35, TimeSpan.FromMinutes(2), new DepletionSettings(10, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(90)),
            TimeSpan.FromMinutes(10), false) { OnBatteryDelay = TimeSpan.FromSeconds(10) }, d.Triggers);
        var g = s.Groups.Single();
        Assert.Equal((CountsAs.Critical, CountsAs.Critical, (TimeSpan?)TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(5)),
            (g.DegradedCountsAs, g.UnknownCountsAs, g.StartupGrace, g.RearmAfter));
        Assert.Equal((TimeSpan.FromMinutes(2), PowerRestoredPolicy.Continue, TimeSpan.FromSeconds(1)),
            (g.Shutdown.SafetyMargin, g.Shutdown.OnPowerRestored, g.Shutdown.RetryInterval));
        Assert.Equal(new StepSettings("hv-1", "poweroff", TimeSpan.FromSeconds(90), false), g.Shutdown.Phases[0].Steps[0]);
        Assert.Equal(("/var/log/actions.jsonl", false, TimeSpan.FromSeconds(10)), (s.Agent!.ActionLog, s.Agent.DryRun, s.Agent.Actions[0].Timeout));
    }

    [Fact]
    public void Loader_should_read_unknown_counts_as_degraded()
    {
        var g = LoadValid($"supervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}\nsupervisor.groups.rack-a.unknown-counts-as = degraded").Groups.Single();
        Assert.Equal((CountsAs.Healthy, CountsAs.Degraded), (g.DegradedCountsAs, g.UnknownCountsAs));
    }

    [Fact]
    public void Loader_should_name_the_path_and_the_choices_when_degraded_counts_as_is_degraded()
    {
        AssertRejected($"supervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}\nsupervisor.groups.rack-a.degraded-counts-as = degraded", "supervisor.groups.rack-a.degraded-counts-as", "use one of healthy, critical");
    }

    [Fact]
    public void Loader_should_disable_triggers_when_set_to_off()
    {
        var t = LoadValid($"supervisor.devices.ups-a {{ {NutDevice}, triggers {{ charge = off, runtime = off, depletion = off, on-battery = off, on-battery-delay = off }} }}\n{RackA}")
            .Devices.Single().Triggers;
        Assert.Equal(TriggerSettings.Defaults with { ChargePercent = null, Runtime = null, Depletion = null, OnBattery = null, OnBatteryDelay = TimeSpan.Zero }, t);
    }

    [Fact]
    public void Loader_should_hold_charge_and_runtime_back_for_30s_after_the_transfer_when_on_battery_delay_is_not_set()
    {
        var t = LoadValid($"supervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}").Devices.Single().Triggers;
        Assert.Equal(TimeSpan.FromSeconds(30), t.OnBatteryDelay);
    }

    [Fact]
    public void Loader_should_name_the_path_when_on_battery_delay_is_not_a_duration()
    {
        AssertRejected($"supervisor.devices.ups-a {{ {NutDevice}, triggers {{ on-battery-delay = soon }} }}\n{RackA}", "supervisor.devices.ups-a.triggers.on-battery-delay");
    }

    [Fact]
    public void Loader_should_warn_when_on_battery_delay_is_not_shorter_than_the_runtime_trigger()
    {
        var r = Load($"supervisor.devices.ups-a {{ {NutDevice}, triggers {{ runtime = 60s, on-battery-delay = 60s }} }}\n{RackA}");
        Assert.Empty(r.Errors);
        var warning = Assert.Single(r.Warnings, w => w.Path == "supervisor.devices.ups-a.triggers.on-battery-delay");
        Assert.Contains("1m is not shorter than the runtime trigger (1m)", warning.Message);
    }

    [Fact]
    public void Loader_should_apply_user_defaults_to_every_device_when_defaults_section_is_overridden()
    {
        var s = LoadValid($$"""
            supervisor.defaults.device { poll-interval = 5s, triggers.charge = 40 }
            supervisor.devices { ups-a { {{NutDevice}} }
              ups-b { {{NutDevice}}, poll-interval = 1s } }
            supervisor.groups.rack-a.members = [ups-a, ups-b]
            supervisor.groups.rack-a.shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ]
            supervisor.agent { host = hv-1, actions { poweroff { command = [systemctl, poweroff] } } }
            """);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)], s.Devices.Select(d => d.PollInterval));
        Assert.All(s.Devices, d => Assert.Equal(40, d.Triggers.ChargePercent));
    }

    [Fact]
    public void Loader_should_keep_file_order_when_ids_are_not_sorted()
    {
        var s = LoadValid($$"""
            supervisor.devices { zz { {{NutDevice}} }
              aa { {{NutDevice}} }
              mm { {{NutDevice}} } }
            supervisor.groups.rack-a { members = [zz, aa, mm], shutdown.phases = [ { name = x, steps = [ { host = h, action = a } ] } ] }
            """);
        Assert.Equal(["zz", "aa", "mm"], s.Devices.Select(d => d.Id));
    }

    [Fact]
    public void Loader_should_let_user_layer_override_fallback_layer_when_both_define_a_device()
    {
        var cluster = ConfigurationFactory.ParseString($"supervisor.devices.ups-a {{ {NutDevice}, poll-interval = 7s, timeout = 2s }}");
        var user = ConfigurationFactory.ParseString($"supervisor.devices.ups-a.poll-interval = 1s\n{RackA}");
        var d = SupervisorConfigLoader.Load(user.WithFallback(cluster)).Settings!.Devices.Single();
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), (d.PollInterval, d.Timeout));
    }

    [Fact]
    public void Loader_should_warn_with_suggestion_when_a_key_is_misspelled()
    {
        AssertOnlyWarning($"supervisor.devices.ups-a {{ {NutDevice}, pol-interval = 5s }}\n{RackA}", "supervisor.devices.ups-a.pol-interval", "did you mean poll-interval?");
    }

    [Fact]
    public void Loader_should_warn_when_group_step_or_trigger_has_unknown_key()
    {
        var r = Load($$"""
            supervisor.devices.ups-a { {{NutDevice}}, triggers { chrage = 10 } }
            supervisor.groups.rack-a { members = [ups-a], minhealthy = 1
              shutdown.phases = [ { name = x, steps = [ { host = hv-1, action = poweroff, timout = 5s } ] } ] }
            supervisor.agent { host = hv-1, actions { poweroff { command = [systemctl, poweroff] } } }
            """);
        Assert.Empty(r.Errors);
        Assert.Equal(
            ["supervisor.devices.ups-a.triggers.chrage", "supervisor.groups.rack-a.shutdown.phases[0].steps[0].timout", "supervisor.groups.rack-a.minhealthy"],
            r.Warnings.Select(w => w.Path));
    }

    [Fact]
    public void Loader_should_report_validator_warnings_when_device_is_in_no_group()
    {
        var r = Load($"supervisor.devices.ups-a {{ {NutDevice} }}");
        Assert.NotNull(r.Settings);
        Assert.Equal("supervisor.devices.ups-a", Assert.Single(r.Warnings).Path);
    }

    [Fact]
    public void Loader_should_warn_when_top_level_key_is_misspelled()
    {
        var r = Load($"supervisor.device.ups-a {{ {NutDevice} }}");
        Assert.NotNull(r.Settings);
        var w = Assert.Single(r.Warnings);
        Assert.Equal("supervisor.device", w.Path);
        Assert.Contains("did you mean devices?", w.Message);
    }
}
