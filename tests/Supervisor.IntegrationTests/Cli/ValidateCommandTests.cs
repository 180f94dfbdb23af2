namespace Supervisor.IntegrationTests.Cli;

/// <summary><c>supervisor validate FILE</c> in-process: the shipped configs pass, broken ones list every error with its HOCON path.</summary>
public sealed class ValidateCommandTests(ITestOutputHelper output) : ScenarioTest
{
    private (int Exit, string Output) Validate(string file) => ValidateCli.Run(file, output);

    /// <summary>A config whose only mistake is what <paramref name="groupMembers"/> and <paramref name="extra"/> put in.</summary>
    private string Config(string groupMembers = "[ups-a]", string device = "", string agentCommand = "[\"sync\"]") => Scenario.WriteConfig("test.conf", $$"""
        supervisor {
          data-dir = "data"
          devices {
            ups-a {
              driver = simulated
              {{device}}
            }
          }
          groups {
            rack {
              members = {{groupMembers}}
              shutdown {
                phases = [ { name = local-host, steps = [ { host = hv-1, action = sync, timeout = 30s } ] } ]
              }
            }
          }
          agent {
            host = hv-1
            actions { sync { command = {{agentCommand}} } }
          }
        }
        """);

    [Theory]
    [InlineData("config/supervisor.conf", "Devices (2)", "ups-a", "ups-b", "Groups (1)", "rack-a")]
    [InlineData("config/examples/nut-single.conf", "Devices (1)", "ups-main", "ups1@127.0.0.1:3493", "Groups (1)", "rack")]
    [InlineData("config/examples/two-node-agent.conf", "Devices (0)", "Groups (0)", "node-2", "stop-containers", "data-dir: /var/lib/supervisor")]
    public void Validate_should_return_0_and_print_a_summary_when_checking_a_shipped_config(string relative, params string[] expected)
    {
        var file = Path.Combine(RepoPaths.Root, relative);
        var (exit, text) = Validate(file);

        Assert.Equal(0, exit);
        Assert.StartsWith($"{file}: OK", text);
        foreach (var e in expected) Assert.Contains(e, text);
        Assert.Contains("Node: akka.tcp://supervisor@127.0.0.1:4053, roles [supervisor, agent]", text);
        Assert.DoesNotContain("error", text);
    }

    [Fact]
    public void Validate_should_pass_a_config_written_like_the_failing_ones_when_it_has_no_mistake()
    {
        // Guards the tests below: their files differ from this one only by the mistakes they plant.
        Assert.Equal(0, Validate(Config()).Exit);
    }

    [Fact]
    public void Validate_should_return_1_and_name_the_member_path_when_a_group_lists_an_unknown_device()
    {
        var file = Config(groupMembers: "[ups-a, ups-z]");
        var (exit, text) = Validate(file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}: 1 error(s):", text);
        Assert.Contains("error: supervisor.groups.rack.members: unknown device \"ups-z\"", text);
        Assert.Contains("known devices: ups-a", text);
    }

    [Fact]
    public void Validate_should_print_every_error_when_a_config_has_three_different_mistakes()
    {
        var file = Config(groupMembers: "[ups-a, ups-z]", device: "poll-interval = fast", agentCommand: "[]");
        var (exit, text) = Validate(file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}: 3 error(s):", text);
        Assert.Contains("error: supervisor.groups.rack.members: unknown device \"ups-z\"", text);
        Assert.Contains("error: supervisor.devices.ups-a.poll-interval: ", text);
        Assert.Contains("error: supervisor.agent.actions.sync.command: empty", text);
    }

    [Fact]
    public void Validate_should_name_file_line_and_column_when_the_hocon_does_not_parse()
    {
        var file = Scenario.WriteConfig("broken.conf", "supervisor {\n  data-dir = \"data\"\n  devices {\n    ups-a { driver = simulated },\n    ups-b { driver = simulated }\n  }\n}\n");
        var (exit, text) = Validate(file);

        Assert.Equal(1, exit);
        Assert.Matches($@"error: {System.Text.RegularExpressions.Regex.Escape(file)}:4:\d+: HOCON syntax error at line 4, column \d+", text);
    }

    [Fact]
    public void Validate_should_say_the_file_is_missing_when_it_does_not_exist()
    {
        var file = Path.Combine(Scenario.Dir, "nope.conf");
        var (exit, text) = Validate(file);

        Assert.Equal(1, exit);
        Assert.Contains($"error: {file}: config file not found", text);
    }
}
