namespace Supervisor.IntegrationTests.Inspection;

/// <summary>
/// A real node process polling hostile NUT servers: one echoes the PASSWORD line and quotes the password in
/// <c>ERR ACCESS-DENIED</c>, one puts ESC, BEL, NUL and CR into its variables, one into its ERR text. Whatever they
/// send, no printed line — the node's log, <c>status</c>, <c>status --json</c>, <c>report</c>, <c>report --json</c> —
/// holds the configured password or a raw control character; the masked and escaped forms are there instead.
/// </summary>
public sealed class HostileDeviceOutputTests(ITestOutputHelper output) : ScenarioTest
{
    private const string Password = "Hunter2-Secret!";
    private static readonly char[] Controls = ['\u001b', '\u0007', '\0', '\r', '\u202e'];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    private string Config(int leaky, int evil, int broken) => Scenario.WriteConfig("node.conf", $$"""
        supervisor {
          data-dir = "data"
          devices {
            ups-secret { driver = nut, host = "127.0.0.1", port = {{leaky}}, ups = ups1, username = mon, password = "{{Password}}", poll-interval = 1s }
            ups-evil { driver = nut, host = "127.0.0.1", port = {{evil}}, ups = ups1, poll-interval = 1s }
            ups-err { driver = nut, host = "127.0.0.1", port = {{broken}}, ups = ups1, poll-interval = 1s }
          }
          groups.rack {
            members = [ups-secret, ups-evil, ups-err]
            shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = sync } ] } ]
          }
          agent { host = hv-1, actions { sync { command = ["sync"] } } }
        }
        """);

    [Fact]
    public async Task Node_and_cli_should_never_print_the_password_or_raw_control_bytes_when_devices_are_hostile()
    {
        await using var leaky = new HostileUpsd { LeakPassword = true };
        await using var evil = new HostileUpsd
        {
            Variables = new Dictionary<string, string>
            {
                ["ups.status"] = "OB\u001b[31m\u0007\rINFO  forged",
                ["battery.charge"] = "80",
                ["device.model"] = "M\0odel\u202e",
            },
        };
        await using var broken = new HostileUpsd { ListVarError = "ERR DATA-STALE \u001b]0;pwned\u0007\rWARN forged" };
        var config = Config(leaky.Port, evil.Port, broken.Port);
        var port = LoopbackPort.Free();
        using var node = NodeProcess.Start("node", Scenario.Dir, config, port, output, "--dry-run");

        // Both leaks happened: the echoed PASSWORD line and the ERR quoting it.
        await node.WaitForLineAsync(@"Device ups-secret: .*reply ""PASSWORD ""\*\*\*""""", Wait);
        await node.WaitForLineAsync(@"Device ups-secret: .*ERR ACCESS-DENIED \*\*\*", Wait);
        await node.WaitForLineAsync(@"Device ups-evil: .*OB\\x1b\[31m\\x07\\rINFO  forged", Wait);
        await node.WaitForLineAsync(@"Device ups-err: poll failed", Wait);
        Assert.Contains(Password, leaky.PasswordsSeen); // the node really sent it: the test looks for the right string

        var nodeAddress = $"127.0.0.1:{port}";
        var outputs = new Dictionary<string, CliProcess.Result>
        {
            ["status"] = await CliProcess.RunAsync("status", "--node", nodeAddress),
            ["status --json"] = await CliProcess.RunAsync("status", "--node", nodeAddress, "--json"),
            ["report"] = await CliProcess.RunAsync("report", "--config", config),
            ["report --json"] = await CliProcess.RunAsync("report", "--config", config, "--json"),
        };
        foreach (var (name, r) in outputs)
        {
            output.WriteLine($"--- {name}: exit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
            Assert.Equal(0, r.ExitCode);
            Assert.DoesNotContain(Password, r.Stdout + r.Stderr, StringComparison.Ordinal);
            Assert.Contains("***", r.Stdout); // the leak reached this output, masked
            foreach (var c in Controls) Assert.True(!(r.Stdout + r.Stderr).Contains(c), $"{name} printed U+{(int)c:X4} raw");
        }
        Assert.Contains("forged", outputs["status"].Stdout); // the hostile text is there, escaped
        Assert.Contains("\\x1b[31m", outputs["report"].Stdout);

        foreach (var line in node.Lines)
        {
            Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
            foreach (var c in Controls) Assert.True(!line.Contains(c), $"node log has U+{(int)c:X4} raw: {line}");
            // A raw CR would have split the forged part onto a line of its own.
            Assert.False(line.TrimStart().StartsWith("INFO  forged", StringComparison.Ordinal) || line.TrimStart().StartsWith("WARN forged", StringComparison.Ordinal), line);
        }
    }
}
