namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// Issue 12's secret scan: a node with one channel of each of the 9 types, each holding a recognisable secret (one via
/// an <c>env:</c> reference), every endpoint unreachable so each channel's failure is printed; then <c>validate</c>,
/// <c>status</c>, <c>notify test</c> and <c>notify status</c>. No line any of them prints (stdout and stderr) holds a secret.
/// About 30 s (one node start-up).
/// </summary>
public sealed class SecretScanTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task No_channel_secret_should_appear_in_anything_the_node_or_the_cli_prints()
    {
        var dead = $"http://127.0.0.1:{LoopbackPort.Free()}"; // nothing listens there: every HTTP channel fails and says so
        var secrets = new Dictionary<string, string>
        {
            ["webhook signing secret"] = $"hook-signing-{Run}",
            ["webhook header"] = $"hdr-token-{Run}",
            ["ntfy token"] = $"tk_ntfy{Run}",
            ["gotify token"] = $"gotify-app-{Run}",
            ["telegram bot token"] = $"424242:tg-bot-{Run}",
            ["discord url token"] = $"discord-tok-{Run}",
            ["slack url token"] = $"slack-tok-{Run}",
            ["apprise urls token"] = $"apprise-tok-{Run}",
            ["smtp password"] = $"smtp-pass-{Run}",
            ["mqtt broker password"] = $"mqtt-pass-{Run}",
        };
        var channels = $$"""
            hook { type = webhook, url = "{{dead}}/hook", secret = "{{secrets["webhook signing secret"]}}", headers { Authorization = "Bearer {{secrets["webhook header"]}}" } }
            phone { type = ntfy, server = "{{dead}}", topic = rack-power, token = "{{secrets["ntfy token"]}}" }
            gotify { type = gotify, server = "{{dead}}", token = "{{secrets["gotify token"]}}" }
            telegram { type = telegram, api = "{{dead}}", token = "env:SUPERVISOR_IT_TG_TOKEN", chat-id = "-100123" }
            discord { type = discord, url = "{{dead}}/api/webhooks/77/{{secrets["discord url token"]}}" }
            slack { type = slack, url = "{{dead}}/services/T01/B02/{{secrets["slack url token"]}}" }
            apprise { type = apprise, server = "{{dead}}", urls = "tgram://{{secrets["apprise urls token"]}}/12345" }
            mail { type = email, host = "127.0.0.1", port = {{LoopbackPort.Free()}}, from = "ups@example.net", to = ["ops@example.net"], username = scan-user, password = "{{secrets["smtp password"]}}" }
            script { type = command, command = ["/bin/false"] }
            """;
        var config = Scenario.WriteNodeConfig("secrets.conf", inSupervisor: Hocon.SimulatedRack + "\nnotifications.channels {\n" + channels + "\n}" +
            // A broker nothing listens on: the node prints its MQTT warning, which names the user and never the password.
            $"\nmqtt {{ enabled = on, broker = \"127.0.0.1:{LoopbackPort.Free()}\", username = scan-user, password = \"{secrets["mqtt broker password"]}\" }}");
        var env = NodeProcess.EnvironmentWith(("SUPERVISOR_IT_TG_TOKEN", secrets["telegram bot token"]));
        string[] ids = ["hook", "phone", "gotify", "telegram", "discord", "slack", "apprise", "mail", "script"];

        var printed = new List<string>();
        var validate = await CliProcess.RunWithEnvironmentAsync(env, "validate", config);
        Assert.True(validate.ExitCode == 0, validate.Stdout + validate.Stderr);
        printed.AddRange([validate.Stdout, validate.Stderr]);

        var node = Track(NodeProcess.StartWithEnvironment(env, "node", Scenario.Dir, config, LoopbackPort.Free(), Output));
        await node.WaitForLineAsync("Supervisor: watching", Wait);
        var at = $"127.0.0.1:{node.Port}";
        var test = await CliProcess.RunAsync("notify", "test", "--node", at);
        Output.WriteLine(test.Stdout + test.Stderr);
        foreach (var id in ids) Assert.Matches($@"(?m)^\s*{id}\s+FAILED ", test.Stdout + test.Stderr); // every channel answered, each with its failure
        foreach (var command in new[] { new[] { "notify", "status", "--node", at }, ["status", "--node", at], ["status", "--node", at, "--json"] })
        {
            var r = await CliProcess.RunAsync(command);
            Output.WriteLine(r.Stdout + r.Stderr);
            printed.AddRange([r.Stdout, r.Stderr]);
        }
        printed.AddRange([test.Stdout, test.Stderr]);
        foreach (var id in ids) await node.WaitForLineAsync($"Notifier: channel {id} failed: ", Wait); // each failure reached the log
        await node.WaitForLineAsync("MQTT: broker .* is unreachable", Wait);
        node.Kill();
        printed.AddRange(node.Lines);

        var all = string.Join("\n", printed);
        var leaks = secrets.Where(s => all.Contains(s.Value, StringComparison.Ordinal) || all.Contains(Uri.EscapeDataString(s.Value), StringComparison.Ordinal))
            .Select(s => $"{s.Key}: " + printed.SelectMany(p => p.Split('\n')).First(l => l.Contains(s.Value) || l.Contains(Uri.EscapeDataString(s.Value))))
            .ToList();
        Assert.True(leaks.Count == 0, "secrets printed:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task Validate_errors_about_a_secret_should_name_its_key_but_never_quote_it()
    {
        var secrets = new Dictionary<string, string>
        {
            ["discord url token"] = $"discord-bad-{Run}",
            ["slack url token"] = $"slack-bad-{Run}",
            ["webhook signing secret"] = $"whsec_bad{Run}!!",
            ["password in a server url"] = $"ntfy-pass-{Run}",
        };
        var channels = $$"""
            discord { type = discord, url = "discord.com/api/webhooks/77/{{secrets["discord url token"]}}" }
            slack { type = slack, url = "ftp://hooks.slack.com/services/T01/B02/{{secrets["slack url token"]}}" }
            hook { type = webhook, url = "http://127.0.0.1:1/hook", secret = "{{secrets["webhook signing secret"]}}" }
            phone { type = ntfy, server = "http://scan:{{secrets["password in a server url"]}}@127.0.0.1:1", topic = rack-power }
            """;
        var config = Scenario.WriteNodeConfig("broken-secrets.conf", inSupervisor: Hocon.SimulatedRack + "\nnotifications.channels {\n" + channels + "\n}");
        var validate = await CliProcess.RunAsync("validate", config);
        var printed = validate.Stdout + validate.Stderr;
        Output.WriteLine(printed);
        Assert.NotEqual(0, validate.ExitCode);
        foreach (var key in new[] { "channels.discord.url", "channels.slack.url", "channels.hook.secret", "channels.phone.server" })
            Assert.Contains("supervisor.notifications." + key, printed); // each mistake is named
        Assert.All(secrets, s => Assert.False(printed.Contains(s.Value, StringComparison.Ordinal), $"{s.Key} printed"));
    }
}
