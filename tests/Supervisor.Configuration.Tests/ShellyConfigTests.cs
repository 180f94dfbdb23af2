using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>driver = shelly</c> keys: defaults from reference.conf, overrides, and bad values reported at their HOCON path.</summary>
public sealed class ShellyConfigTests
{
    private const string Group = """
        supervisor.groups.rack-a {
          members = [plug-a]
          shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ]
        }
        """;

    private static string Plug(string body) => $"supervisor.devices.plug-a {{ driver = shelly, {body} }}\n{Group}";

    private static ShellyOptions Options(string body) =>
        Assert.IsType<ShellyOptions>(LoadValid(Plug(body)).Devices.Single(d => d.Id == "plug-a").Options);

    [Fact]
    public void Loader_should_apply_reference_defaults_when_only_host_is_set()
    {
        var o = Options("host = \"192.168.1.50\"");
        Assert.Equal(new ShellyOptions("192.168.1.50", 80, 0, ShellyGeneration.Auto, null, null), o);
    }

    [Fact]
    public void Loader_should_read_every_key_when_all_are_overridden()
    {
        var o = Options("host = plug.lan, port = 8080, channel = 1, generation = 2, username = admin, password = \"p w\"");
        Assert.Equal(new ShellyOptions("plug.lan", 8080, 1, ShellyGeneration.Gen2, "admin", "p w"), o);
    }

    [Theory]
    [InlineData("auto", ShellyGeneration.Auto)]
    [InlineData("1", ShellyGeneration.Gen1)]
    [InlineData("2", ShellyGeneration.Gen2)]
    [InlineData("3", ShellyGeneration.Gen2)]
    [InlineData("4", ShellyGeneration.Gen2)]
    [InlineData("AUTO", ShellyGeneration.Auto)]
    public void Loader_should_map_generation_when_value_is_known(string value, ShellyGeneration expected) =>
        Assert.Equal(expected, Options($"host = h, generation = {value}").Generation);

    [Fact]
    public void Loader_should_take_defaults_from_supervisor_defaults_shelly_when_user_overrides_them()
    {
        var r = LoadValid("supervisor.defaults.shelly { port = 81, generation = 1 }\n" + Plug("host = h"));
        var o = Assert.IsType<ShellyOptions>(r.Devices.Single().Options);
        Assert.Equal((81, ShellyGeneration.Gen1), (o.Port, o.Generation));
    }

    [Fact]
    public void Loader_should_read_password_from_env_when_password_env_is_set()
    {
        Environment.SetEnvironmentVariable("SUPERVISOR_TEST_SHELLY_PW", "from-env");
        try
        {
            Assert.Equal("from-env", Options("host = h, password-env = SUPERVISOR_TEST_SHELLY_PW").Password);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SUPERVISOR_TEST_SHELLY_PW", null);
        }
    }

    [Fact]
    public void Loader_should_report_the_defaults_path_when_a_bad_default_comes_from_supervisor_defaults_shelly()
    {
        AssertRejected("supervisor.defaults.shelly { channel = x }\n" + Plug("host = h"), "supervisor.defaults.shelly.channel");
    }

    [Fact]
    public void Loader_should_warn_with_a_suggestion_when_a_key_is_misspelt()
    {
        var r = Load(Plug("host = h, chanel = 1"));
        Assert.Empty(r.Errors);
        var w = Assert.Single(r.Warnings, w => w.Path == "supervisor.devices.plug-a.chanel");
        Assert.Contains("did you mean channel?", w.Message);
    }

    [Fact]
    public void ShellyOptions_should_hide_the_password_when_printed()
    {
        var text = new ShellyOptions("h", 80, 0, ShellyGeneration.Auto, "admin", "hunter2").ToString();
        Assert.DoesNotContain("hunter2", text);
        Assert.Contains("Password = ***", text);
    }
}
