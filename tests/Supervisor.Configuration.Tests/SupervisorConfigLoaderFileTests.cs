using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public sealed class SupervisorConfigLoaderFileTests : IDisposable
{
    private const string Secret = "pa55-Wörd!";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("nut-single.conf")]
    [InlineData("two-node-agent.conf")]
    public void LoadFile_should_report_no_errors_or_warnings_when_loading_an_example(string name)
    {
        var r = SupervisorConfigLoader.LoadFile(Path.Combine(RepoRoot(), "config", "examples", name));
        Assert.True(r.Errors.Count == 0, string.Join(" | ", r.Errors));
        Assert.True(r.Warnings.Count == 0, string.Join(" | ", r.Warnings));
        Assert.NotNull(r.Settings);
    }

    [Fact]
    public void Two_node_agent_example_should_load_with_its_commented_typed_actions_uncommented()
    {
        var example = File.ReadAllText(Path.Combine(RepoRoot(), "config", "examples", "two-node-agent.conf"));
        Assert.Contains("#: ", example);
        var file = _dir.Write("two-node-agent.conf", example.Replace("#: ", ""));
        Environment.SetEnvironmentVariable("NUT_FSD_PASSWORD", "example-only");
        try
        {
            var r = SupervisorConfigLoader.LoadFile(file);
            Assert.True(r.Errors.Count == 0, string.Join(" | ", r.Errors));
            Assert.True(r.Warnings.Count == 0, string.Join(" | ", r.Warnings));
            var types = r.Settings!.Agent!.Actions.ToDictionary(a => a.Name, a => a.Spec.Type);
            Assert.Equal("ssh", types["nas-1-off"]);
            Assert.Equal("nut-fsd", types["tell-nut-secondaries"]);
        }
        finally { Environment.SetEnvironmentVariable("NUT_FSD_PASSWORD", null); }
    }

    [Fact]
    public void LoadFile_should_report_one_error_naming_the_file_when_file_is_missing()
    {
        var missing = Path.Combine(_dir.Path, "nope.conf");
        var e = SingleError(SupervisorConfigLoader.LoadFile(missing));
        Assert.Equal(missing, e.Path);
        Assert.StartsWith("config file not found", e.Message);
    }

    [Fact]
    public void LoadFile_should_report_line_and_column_when_hocon_syntax_is_wrong()
    {
        var file = _dir.Write("bad.conf", "supervisor {\n  devices {\n    ups-a { driver = simulated }, ups-b { driver = simulated }\n  }\n}\n");
        var e = SingleError(SupervisorConfigLoader.LoadFile(file));
        Assert.Equal(file + ":3:33", e.Path);
        Assert.StartsWith("HOCON syntax error at line 3, column 33: Unknown token in `ups-a { driver = simulated }, ups-b { driver = simulated }`", e.Message);
        Assert.Contains("comma after a nested object's closing brace", e.Message);
    }

    [Fact]
    public void LoadFile_should_report_parser_message_when_substitution_is_unresolved()
    {
        var file = _dir.Write("subst.conf", "supervisor.data-dir = ${NO_SUCH_SUPERVISOR_VARIABLE}\n");
        var e = SingleError(SupervisorConfigLoader.LoadFile(file));
        Assert.Equal(file, e.Path);
        Assert.Contains("Unresolved substitution", e.Message);
    }

    [Fact]
    public void LoadFile_should_layer_user_file_over_fallback_and_reference_when_fallback_is_given()
    {
        var fallback = ConfigurationFactory.ParseString("supervisor { data-dir = /from/cluster, defaults.device.timeout = 9s }");
        var file = _dir.Write("user.conf", $"supervisor.data-dir = /from/user\nsupervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}");
        var s = SupervisorConfigLoader.LoadFile(file, fallback).Settings!;
        Assert.Equal("/from/user", s.DataDir);
        Assert.Equal(TimeSpan.FromSeconds(9), s.Devices.Single().Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Devices.Single().PollInterval);
    }

    [Fact]
    public void Loader_should_read_trimmed_first_line_when_password_file_is_set()
    {
        var pw = _dir.Write("pw", $"  {Secret}  \nsecond line\n");
        Assert.Equal(Secret, PasswordOf(Load(NutWith($"password-file = \"{pw}\""))));
    }

    [Fact]
    public void LoadFile_should_resolve_relative_password_file_next_to_config_file()
    {
        _dir.Write("nut.pw", Secret);
        var file = _dir.Write("c.conf", NutWith("password-file = nut.pw"));
        Assert.Equal(Secret, PasswordOf(SupervisorConfigLoader.LoadFile(file)));
    }

    [Fact]
    public void Loader_should_report_password_file_when_file_is_missing_or_empty()
    {
        var missing = Path.Combine(_dir.Path, "missing.pw");
        AssertRejected(NutWith($"password-file = \"{missing}\""), "supervisor.devices.ups-a.password-file", $"file \"{missing}\" not found");

        var empty = _dir.Write("empty.pw", "\n");
        Assert.Contains("is empty", SingleError(Load(NutWith($"password-file = \"{empty}\""))).Message);
    }

    [Fact]
    public void Loader_should_read_environment_variable_when_password_env_is_set()
    {
        var name = "SUPERVISOR_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, Secret);
        try
        {
            Assert.Equal(Secret, PasswordOf(Load(NutWith($"password-env = {name}"))));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Loader_should_report_password_env_when_variable_is_not_set()
    {
        var name = "SUPERVISOR_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        AssertRejected(NutWith($"password-env = {name}"), "supervisor.devices.ups-a.password-env", $"environment variable \"{name}\" is not set");
    }

    [Fact]
    public void Loader_should_report_device_when_more_than_one_password_source_is_set()
    {
        var e = SingleError(Load(NutWith("password = a, password-env = B")));
        Assert.Equal("supervisor.devices.ups-a: set only one of password, password-file, password-env (found password, password-env)", e.ToString());
    }

    [Fact]
    public void Password_should_never_appear_in_summary_tostring_or_messages()
    {
        var r = Load(NutWith($"password = \"{Secret}\"") + "\nsupervisor.devices.ups-a.bogus-key = 1");
        var s = r.Settings!;
        Assert.Equal(Secret, PasswordOf(r));
        var device = s.Devices.Single();
        var texts = new[]
        {
            ConfigSummary.Format(s), s.ToString(), device.ToString(), device.Options.ToString()!, r.ToString(),
            string.Join("\n", r.Warnings), string.Join("\n", r.Errors),
        };
        Assert.All(texts, t => Assert.DoesNotContain(Secret, t));
        Assert.Contains("Password = ***", device.ToString());
    }
}
