using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>driver = kasa: defaults from supervisor.defaults.kasa, overrides, and errors at the HOCON path of the bad value.</summary>
public class KasaConfigTests
{
    /// <summary>A group over plug-a so the device is in use.</summary>
    private const string Group = """
        supervisor.groups.rack-a {
          members = [plug-a]
          shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ]
        }
        supervisor.agent { host = hv-1, actions { poweroff { command = ["systemctl", "poweroff"] } } }
        """;

    private static string Plug(string body) => $"supervisor.devices.plug-a {{ driver = kasa, {body} }}\n{Group}";

    [Fact]
    public void Loader_should_apply_kasa_defaults_when_only_host_is_set()
    {
        var r = Load(Plug("host = \"192.168.1.50\""));
        Assert.Empty(r.Errors);
        Assert.Empty(r.Warnings);
        var d = r.Settings!.Devices.Single();
        Assert.Equal("kasa", d.Driver);
        Assert.Equal(new KasaOptions("192.168.1.50", 9999, null), d.Options);
    }

    [Fact]
    public void Loader_should_read_port_and_outlet_index_when_overridden()
    {
        var d = LoadValid(Plug("host = strip.lan, port = 10999, outlet = 2")).Devices.Single();
        Assert.Equal(new KasaOptions("strip.lan", 10999, "2"), d.Options);
    }

    [Fact]
    public void Loader_should_keep_outlet_child_id_when_outlet_is_an_id()
    {
        var d = LoadValid(Plug("host = strip.lan, outlet = \"8006AF35494E7DB13DDE9B8F40BF2E001AE0D2F602\"")).Devices.Single();
        Assert.Equal("8006AF35494E7DB13DDE9B8F40BF2E001AE0D2F602", ((KasaOptions)d.Options).Outlet);
    }

    [Fact]
    public void Loader_should_take_port_from_user_defaults_when_supervisor_defaults_kasa_is_overridden()
    {
        var d = LoadValid("supervisor.defaults.kasa { port = 19999 }\n" + Plug("host = plug.lan")).Devices.Single();
        Assert.Equal(19999, ((KasaOptions)d.Options).Port);
    }

    [Fact]
    public void Loader_should_report_missing_host_at_its_path_when_host_is_not_set()
    {
        AssertRejected(Plug("outlet = 1"), "supervisor.devices.plug-a.host", "missing; set the plug's host name or address");
    }

    [Fact]
    public void Loader_should_report_bad_default_port_at_the_defaults_path_when_supervisor_defaults_kasa_is_wrong()
    {
        AssertRejected("supervisor.defaults.kasa { port = 0 }\n" + Plug("host = plug.lan"), "supervisor.defaults.kasa.port", "0 is not a TCP port");
    }

    [Fact]
    public void Loader_should_warn_with_a_suggestion_when_a_kasa_key_is_misspelt()
    {
        AssertOnlyWarning(Plug("host = plug.lan, outlett = 1"), "supervisor.devices.plug-a.outlett", "did you mean outlet?");
    }
}
