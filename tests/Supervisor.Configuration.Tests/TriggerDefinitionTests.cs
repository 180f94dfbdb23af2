using Akka.Configuration.Hocon;
using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// Issue 10: a trigger is its key descriptors; the HOCON readers, the range checks and the group override merger take any
/// list of them. Shown with a trigger that exists only here (keys of every kind, over a record of its own): read from
/// HOCON, checked with errors at its HOCON paths, and overridden by a group, with no reader, validator or merger naming it.
/// </summary>
public class TriggerDefinitionTests
{
    private sealed record Cooling(double Rate, TimeSpan Window);

    private sealed record HeatTriggers(bool Enabled, double? MaxCelsius, TimeSpan? Hold, Cooling? Cooling);

    private static readonly FlagKey<HeatTriggers> Enabled = new("heat", t => t.Enabled, (t, v) => t with { Enabled = v });

    private static readonly NumberOrOffKey<HeatTriggers> MaxCelsius =
        new("max-celsius", t => t.MaxCelsius, (t, v) => t with { MaxCelsius = v }, KeyChecks.Percent);

    private static readonly DurationOrOffKey<HeatTriggers> Hold =
        new("hold", t => t.Hold, (t, v) => t with { Hold = v }, KeyChecks.Positive("30s (or off)"));

    private static readonly NumberKey<Cooling> Rate = new("rate", c => c.Rate, (c, v) => c with { Rate = v }, (v, p, e) => KeyChecks.Percent(v, p, e));

    private static readonly DurationKey<Cooling> Window = new("window", c => c.Window, (c, v) => c with { Window = v }, KeyChecks.Positive("60s"));

    private static readonly Cooling DefaultCooling = new(2, TimeSpan.FromSeconds(60));

    private static readonly BlockKey<HeatTriggers, Cooling> CoolingBlock = new(
        "cooling", t => t.Cooling, (t, v) => t with { Cooling = v }, [Rate, Window],
        unset: new(0, TimeSpan.Zero), fallback: DefaultCooling, example: "cooling { rate = 2, window = 60s }", overrideExample: "cooling { rate = 5 }");

    /// <summary>The test registry: the one list a new trigger is added to (the block before a plain key, to show the check order).</summary>
    private static readonly IReadOnlyList<SettingKey<HeatTriggers>> Keys = [Enabled, MaxCelsius, CoolingBlock, Hold];

    private static readonly HeatTriggers Unset = new(false, null, null, null);

    /// <summary>Stands in for reference.conf: the defaults layer every device key falls back to.</summary>
    private const string Defaults = "heat = on, max-celsius = 45, hold = 30s, cooling { rate = 2, window = 60s }";

    private const string DevicePath = "supervisor.devices.probe.triggers";
    private const string GroupPath = "supervisor.groups.rack.triggers";

    private static HoconObject Parse(string hocon) => ConfigurationFactory.ParseString($"x {{ {hocon} }}").GetValue("x").GetObject();

    private static (HeatTriggers Read, ConfigLoadResult Diagnostics) ReadDevice(string own)
    {
        var diag = new ConfigDiagnostics();
        var section = new HoconSection(DevicePath, Parse(own), diag, (Parse(Defaults), "supervisor.defaults.device.triggers"));
        return (SettingKeys.Read(Keys, Unset, new DefaultedTriggerValues(section)), diag.ToResult(null));
    }

    private static (IReadOnlyList<KeyOverride<HeatTriggers>> Read, ConfigLoadResult Diagnostics) ReadGroup(string own)
    {
        var diag = new ConfigDiagnostics();
        var section = new HoconSection(GroupPath, Parse(own), diag);
        return (SettingKeys.ReadOverrides(Keys, new WrittenTriggerValues(section)), diag.ToResult(null));
    }

    [Fact]
    public void Device_reader_should_take_every_key_of_a_new_trigger_from_its_own_block_over_the_defaults()
    {
        var (t, diagnostics) = ReadDevice("max-celsius = 60, cooling { window = 120s }");
        Assert.Equal(new HeatTriggers(true, 60, TimeSpan.FromSeconds(30), new Cooling(2, TimeSpan.FromSeconds(120))), t);
        Assert.Empty(diagnostics.Errors);
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void Device_reader_should_turn_off_the_keys_and_the_block_written_off()
    {
        var (t, _) = ReadDevice("heat = off, max-celsius = off, hold = off, cooling = off");
        Assert.Equal(Unset, t);
    }

    [Fact]
    public void Device_reader_should_warn_about_unknown_keys_naming_the_nearest_known_one()
    {
        var (_, diagnostics) = ReadDevice("max-celsus = 3, cooling { windw = 1s }");
        Assert.Equal([$"{DevicePath}.cooling.windw", $"{DevicePath}.max-celsus"], diagnostics.Warnings.Select(w => w.Path));
        Assert.Contains("did you mean max-celsius?", diagnostics.Warnings[1].Message);
    }

    [Fact]
    public void Group_reader_should_report_unreadable_values_at_their_paths_and_override_nothing_with_them()
    {
        var (overrides, diagnostics) = ReadGroup("heat = maybe, max-celsius = 50, cooling { rate = fast }");
        Assert.Equal([$"{GroupPath}.heat", $"{GroupPath}.cooling.rate"], diagnostics.Errors.Select(e => e.Path));
        var member = new HeatTriggers(true, 45, TimeSpan.FromSeconds(30), DefaultCooling);
        Assert.Equal(member with { MaxCelsius = 50 }, SettingKeys.Apply(overrides, member));
    }

    [Fact]
    public void Validate_should_name_the_hocon_path_of_each_out_of_range_key_plain_keys_before_the_block()
    {
        var (t, _) = ReadDevice("max-celsius = 120, hold = 0s, cooling { rate = 150, window = 0s }");
        var errors = new List<ConfigError>();
        SettingKeys.Validate(Keys, t, DevicePath, errors);
        Assert.Equal(
            [$"{DevicePath}.max-celsius", $"{DevicePath}.hold", $"{DevicePath}.cooling.rate", $"{DevicePath}.cooling.window"],
            errors.Select(e => e.Path));
        Assert.Equal("must be longer than 0 (got 0s); write e.g. 30s (or off)", errors[1].Message);
    }

    [Fact]
    public void Group_overrides_should_replace_only_the_keys_written_and_merge_the_block_over_the_members()
    {
        var (overrides, diagnostics) = ReadGroup("hold = off, cooling { rate = 5 }");
        Assert.Empty(diagnostics.Errors);
        Assert.Equal(["cooling", "hold"], overrides.Select(o => o.Key.Name));
        var member = new HeatTriggers(true, 45, TimeSpan.FromSeconds(30), new Cooling(2, TimeSpan.FromSeconds(90)));
        Assert.Equal(member with { Hold = null, Cooling = new Cooling(5, TimeSpan.FromSeconds(90)) }, SettingKeys.Apply(overrides, member));
        Assert.Equal(member with { Hold = null, Cooling = DefaultCooling with { Rate = 5 } },
            SettingKeys.Apply(overrides, member with { Cooling = null }));
    }

    [Fact]
    public void Group_overrides_should_check_only_the_keys_written_at_the_group_path()
    {
        var (overrides, _) = ReadGroup("max-celsius = 130, cooling { window = 0s }");
        var errors = new List<ConfigError>();
        SettingKeys.ValidateOverrides(overrides, Unset, GroupPath, errors);
        Assert.Equal([$"{GroupPath}.max-celsius", $"{GroupPath}.cooling.window"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Group_overrides_should_report_a_block_neither_off_nor_an_object_and_override_nothing_with_it()
    {
        var (overrides, diagnostics) = ReadGroup("cooling = 5, heat = off");
        Assert.Equal(["heat"], overrides.Select(o => o.Key.Name));
        var error = Assert.Single(diagnostics.Errors);
        Assert.Equal($"{GroupPath}.cooling", error.Path);
        Assert.Equal("must be off or an object, not \"5\"; write e.g. cooling { rate = 5 }", error.Message);
    }

    [Fact]
    public void Production_readers_should_know_exactly_the_keys_of_the_registered_triggers()
    {
        Assert.Equal(TriggerDefinitions.All.SelectMany(d => d.Keys).Select(k => k.Name), DeviceConfigReader.TriggerKeys);
        Assert.Equal(["low-battery", "low-battery-guard", "charge", "runtime", "depletion", "on-battery", "fsd", "on-battery-delay"],
            DeviceConfigReader.TriggerKeys);
    }
}
