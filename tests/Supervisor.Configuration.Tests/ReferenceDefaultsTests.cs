using Akka.Configuration.Hocon;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// Defaults live only in reference.conf: the readers take none of their own (issue 10). A reader asking for a key that
/// no layer gives throws, so loading configs that write only the required keys proves that every defaulted key the
/// readers read has its default in reference.conf; the reverse tests catch a reference.conf key no reader knows.
/// </summary>
public class ReferenceDefaultsTests
{
    /// <summary>Only required keys, so every other key a reader reads comes from reference.conf.</summary>
    [Theory]
    [InlineData("driver = nut, host = a, ups = u")]
    [InlineData("driver = nut, host = a, ups = u, tls = starttls")]
    [InlineData("driver = apcupsd, host = a")]
    [InlineData("driver = kasa, host = a")]
    [InlineData("driver = shelly, host = a")]
    [InlineData("driver = simulated")]
    [InlineData("driver = modbus, host = a")]
    [InlineData("driver = modbus, host = a, model = custom, registers { power { address = 12 } }")]
    [InlineData("driver = kasa, host = a, warning-watts = 50")]
    [InlineData("driver = modbus, host = a, kind = main")]
    [InlineData("driver = nut, host = a, ups = u, offline-after-failures = 3, battery-capacity-wh = 900, capacity-watts = 600")]
    public void Reader_should_find_a_reference_conf_default_for_every_key_it_reads_of_a_device(string body)
    {
        var r = Load($"supervisor.devices.ups-a {{ {body} }}\n{RackA}");
        Assert.DoesNotContain(r.Errors, e => e.Message.Contains("no value in any layer"));
        Assert.Empty(r.Errors);
    }

    [Fact]
    public void Reader_should_find_a_reference_conf_default_for_every_key_it_reads_of_groups_agents_and_the_node()
    {
        LoadValid($$"""
            supervisor.devices.ups-a { {{NutDevice}} }
            supervisor.groups.rack-a {
              members = [ups-a]
              triggers { charge = 40, depletion { rate = 10 } }
              shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ]
            }
            supervisor.agent { host = hv-1, failsafe.sequence = [poweroff], actions { poweroff { command = [systemctl, poweroff] } } }
            """);
    }

    [Fact]
    public void Reader_should_take_reference_conf_default_when_a_user_default_above_it_is_not_an_object()
    {
        // defaults.device.triggers.depletion = off hides reference.conf's depletion object from the device's own one.
        var d = LoadValid($$"""
            supervisor.defaults.device.triggers.depletion = off
            supervisor.devices.ups-a { {{NutDevice}}, triggers { depletion { rate = 10 } } }
            {{RackA}}
            """).Devices.Single();
        Assert.Equal(new DepletionSettings(10, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(90)), d.Triggers.Depletion);
    }

    [Fact]
    public void Reader_should_throw_naming_the_key_when_no_layer_gives_a_default()
    {
        var own = ConfigurationFactory.ParseString("x { driver = nut }").GetValue("x").GetObject();
        var section = new HoconSection("supervisor.devices.ups-a", own, new ConfigDiagnostics());
        var e = Assert.Throws<MissingDefaultException>(() => section.Int("port"));
        Assert.Equal("supervisor.devices.ups-a.port", e.KeyPath);
        Assert.Contains("reference.conf", e.Message);
    }

    [Fact]
    public void Reader_should_go_on_with_reference_conf_value_when_the_written_one_is_unreadable()
    {
        // One mistake, one error: the port reference.conf gives (3493) is not a second "not a TCP port" error.
        AssertRejected($"supervisor.devices.ups-a {{ {NutDevice}, port = many }}\n{RackA}", "supervisor.devices.ups-a.port", "write e.g. port = 3493");
    }

    public static TheoryData<string> Drivers() => [.. DriverOptionsReader.Names.Split(", ")];

    [Theory]
    [MemberData(nameof(Drivers))]
    public void Reference_conf_should_give_each_driver_only_keys_the_driver_reads(string driver)
    {
        var known = DriverOptionsReader.Find(driver)!.Keys;
        var defaults = Defaults(driver);
        Assert.NotNull(defaults);
        // Nested objects are defaults for parts of an entry (modbus: register) that the entry does not set as a key.
        Assert.All(defaults!.Items.Where(i => !i.Value.IsObject()), i => Assert.Contains(i.Key, known));
    }

    [Fact]
    public void Reference_conf_should_give_device_triggers_only_keys_the_reader_reads() =>
        Assert.All(Defaults("device")!.Items["triggers"].GetObject().Items.Keys, k => Assert.Contains(k, DeviceConfigReader.TriggerKeys));

    private static HoconObject? Defaults(string name) =>
        SupervisorConfigLoader.ReferenceConfig.GetValue($"supervisor.defaults.{name}")?.GetObject();
}
