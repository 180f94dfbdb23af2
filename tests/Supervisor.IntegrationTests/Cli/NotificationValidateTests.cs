namespace Supervisor.IntegrationTests.Cli;

/// <summary><c>supervisor validate</c> reads notification channels: lists each one, and never prints a secret, also when it fails.</summary>
public sealed class NotificationValidateTests(ITestOutputHelper output) : ScenarioTest
{
    private static readonly string[] Secrets = ["HOOKURLSECRET", "SIGNSECRET", "HEADERSECRET", "NTFYSECRET", "GOTIFYSECRET", "TGSECRET", "DISCORDSECRET", "SLACKSECRET", "APPRISESECRET", "MAILSECRET"];

    private string Config(string extraChannel = "") => Scenario.WriteConfig("notify.conf", $$"""
        supervisor {
          data-dir = "data"
          devices { ups-a { driver = simulated } }
          groups { rack { members = [ups-a], shutdown.phases = [ { name = vms, steps = [ { host = hv-1, action = sync } ] } ] } }
          agent { host = hv-1, actions { sync { command = ["sync"] } } }
          notifications.channels {
            hook { type = webhook, url = "https://hooks.example.net/HOOKURLSECRET", secret = "SIGNSECRET", headers { X-Key = "HEADERSECRET" } }
            phone { type = ntfy, topic = power, token = "NTFYSECRET" }
            gotify { type = gotify, server = "https://gotify.example.net", token = "GOTIFYSECRET" }
            tg { type = telegram, token = "1:TGSECRET", chat-id = "-100" }
            discord { type = discord, url = "https://discord.com/api/webhooks/1/DISCORDSECRET" }
            slack { type = slack, url = "https://hooks.slack.com/services/T/B/SLACKSECRET" }
            apprise { type = apprise, server = "http://apprise.example.net:8000", urls = "mailto://u:APPRISESECRET@example.net" }
            mail { type = email, host = smtp.example.net, from = "s@example.net", to = ["ops@example.net"], username = s, password = "MAILSECRET" }
            cmd { type = command, command = ["/usr/local/bin/notify-power"] }
            {{extraChannel}}
          }
        }
        """);

    [Fact]
    public void Validate_lists_every_channel_and_prints_no_secret()
    {
        var (exit, text) = ValidateCli.Run(Config(), output);

        Assert.Equal(0, exit);
        Assert.Contains("Notification channels (9)", text);
        foreach (var id in new[] { "hook", "phone", "gotify", "tg", "discord", "slack", "apprise", "mail", "cmd" }) Assert.Contains(id, text);
        foreach (var secret in Secrets) Assert.DoesNotContain(secret, text);
    }

    [Fact]
    public void A_failing_validate_names_the_bad_channel_key_and_still_prints_no_secret()
    {
        var (exit, text) = ValidateCli.Run(Config("bad { type = ntfy, title = \"{device}\" }"), output);

        Assert.NotEqual(0, exit);
        Assert.Contains("supervisor.notifications.channels.bad.topic", text);
        Assert.Contains("supervisor.notifications.channels.bad.title", text);
        foreach (var secret in Secrets) Assert.DoesNotContain(secret, text);
    }
}
