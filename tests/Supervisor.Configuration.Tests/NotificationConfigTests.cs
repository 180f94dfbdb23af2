namespace Supervisor.Configuration.Tests;

/// <summary>supervisor.notifications.channels: every type read, defaults from reference.conf, errors at their path with the fix.</summary>
public sealed class NotificationConfigTests
{
    private const string Base = LoaderTestSupport.Base + "\n";

    private static ConfigLoadResult Load(string channels) => LoaderTestSupport.Load(Base + channels);

    private static ChannelSettings Channel(string body) =>
        Assert.Single(LoaderTestSupport.LoadValid(Base + $"supervisor.notifications.channels.c {{ {body} }}").Notifications.Channels);

    [Fact]
    public void No_channels_by_default() => Assert.Empty(LoaderTestSupport.LoadValid(Base).Notifications.Channels);

    [Fact]
    public void Ntfy_takes_its_server_and_the_common_timeout_from_reference_conf()
    {
        var ntfy = Assert.IsType<NtfyChannelSettings>(Channel("type = ntfy, topic = power-alerts, tags = [warning]"));
        Assert.Equal(new Uri("https://ntfy.sh"), ntfy.Server);
        Assert.Equal(TimeSpan.FromSeconds(10), ntfy.Timeout);
        Assert.Equal("power-alerts", ntfy.Topic);
        Assert.Equal(["warning"], ntfy.Tags);
        Assert.Null(ntfy.Token);
    }

    [Fact]
    public void Email_defaults_are_port_587_starttls_and_a_longer_timeout()
    {
        var email = Assert.IsType<EmailChannelSettings>(Channel("type = email, host = smtp.example.net, from = \"s@example.net\", to = [\"ops@example.net\"]"));
        Assert.Equal((587, SmtpSecurity.StartTls, TimeSpan.FromSeconds(30)), (email.Port, email.Security, email.Timeout));
    }

    [Fact]
    public void Defaults_per_type_can_be_overridden_for_every_channel_of_that_type()
    {
        var s = LoaderTestSupport.LoadValid(Base + """
            supervisor.defaults.notifications.ntfy { server = "https://ntfy.example.net", timeout = 3s }
            supervisor.notifications.channels.c { type = ntfy, topic = t }
            """);
        var ntfy = Assert.IsType<NtfyChannelSettings>(Assert.Single(s.Notifications.Channels));
        Assert.Equal((new Uri("https://ntfy.example.net"), TimeSpan.FromSeconds(3)), (ntfy.Server, ntfy.Timeout));
    }

    [Fact]
    public void Every_type_reads()
    {
        Environment.SetEnvironmentVariable("SUPERVISOR_TEST_DISCORD_URL", "https://discord.com/api/webhooks/1/tok");
        var s = LoaderTestSupport.LoadValid(Base + """
            supervisor.notifications.channels {
              hook { type = webhook, url = "https://hooks.example.net/p", secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", headers { Authorization = "Bearer x" } }
              phone { type = ntfy, topic = power, token = "tk_1" }
              gotify { type = gotify, server = "https://gotify.example.net", token = "AbC", token-in-query = on }
              tg { type = telegram, token = "1:AA", chat-id = "-100" }
              discord { type = discord, url = "env:SUPERVISOR_TEST_DISCORD_URL" }
              slack { type = slack, url = "https://hooks.slack.com/services/T/B/x" }
              apprise { type = apprise, server = "http://apprise:8000", key = ops }
              mail { type = email, host = smtp.example.net, port = 465, security = tls, from = "s@example.net", to = ["a@example.net"], username = s, password = "pw" }
              cmd { type = command, command = ["/usr/local/bin/notify", "--urgent"], timeout = 5s, title = "{severity}: {title}" }
            }
            """);
        Assert.Equal(["webhook", "ntfy", "gotify", "telegram", "discord", "slack", "apprise", "email", "command"],
            s.Notifications.Channels.Select(c => c.Type));
        Assert.Equal("Bearer x", ((WebhookChannelSettings)s.Notifications.FindChannel("hook")!).Headers["Authorization"].Reveal());
        Assert.Equal("https://discord.com/api/webhooks/1/tok", ((DiscordChannelSettings)s.Notifications.FindChannel("discord")!).Url.Reveal());
        Assert.True(((GotifyChannelSettings)s.Notifications.FindChannel("gotify")!).TokenInQuery);
        Assert.Equal(new Uri("https://api.telegram.org"), ((TelegramChannelSettings)s.Notifications.FindChannel("tg")!).Api);
        Assert.Equal(SmtpSecurity.Tls, ((EmailChannelSettings)s.Notifications.FindChannel("mail")!).Security);
        var cmd = (CommandChannelSettings)s.Notifications.FindChannel("cmd")!;
        Assert.Equal((TimeSpan.FromSeconds(5), "{severity}: {title}"), (cmd.Timeout, cmd.Templates.Title));
    }

    [Fact]
    public void An_unknown_type_lists_the_known_ones()
    {
        LoaderTestSupport.AssertRejected(Base + "supervisor.notifications.channels.c { type = pager }", "supervisor.notifications.channels.c.type", "unknown channel type \"pager\"; use one of webhook | ntfy | gotify | telegram | discord | slack | apprise | email | command");
    }

    [Fact]
    public void A_missing_type_is_an_error_at_type()
    {
        var e = LoaderTestSupport.SingleError(Load("supervisor.notifications.channels.c { topic = x }"));
        Assert.Equal(("supervisor.notifications.channels.c.type", true), (e.Path, e.Message.StartsWith("missing;")));
    }

    [Fact]
    public void A_discord_url_that_is_not_a_url_is_reported_without_quoting_it()
    {
        var e = LoaderTestSupport.AssertRejected(Base + "supervisor.notifications.channels.c { type = discord, url = \"not-a-url-SECRETTOKEN\" }", "supervisor.notifications.channels.c.url");
        Assert.DoesNotContain("SECRETTOKEN", e.Message);
    }

    [Fact]
    public void A_secret_reference_that_does_not_resolve_is_an_error_naming_the_reference()
    {
        LoaderTestSupport.AssertRejected(Base + "supervisor.notifications.channels.c { type = ntfy, topic = t, token = \"env:SUPERVISOR_TEST_UNSET_TOKEN\" }", "supervisor.notifications.channels.c.token", "SUPERVISOR_TEST_UNSET_TOKEN");
    }

    [Fact]
    public void An_unknown_key_is_a_warning_with_a_guess()
    {
        LoaderTestSupport.AssertWarned(Base + "supervisor.notifications.channels.c { type = ntfy, topik = t, topic = t }", "supervisor.notifications.channels.c.topik", "did you mean topic?");
    }

    [Fact]
    public void The_validate_summary_lists_each_channel_and_no_secret()
    {
        var s = LoaderTestSupport.LoadValid(Base + """
            supervisor.notifications.channels {
              hook { type = webhook, url = "https://hooks.example.net/p?k=QUERYSECRET", secret = "HOOKSECRET", headers { Authorization = "Bearer HEADERSECRET" } }
              phone { type = ntfy, topic = power, token = "NTFYSECRET" }
              tg { type = telegram, token = "1:TGSECRET", chat-id = "-100" }
              slack { type = slack, url = "https://hooks.slack.com/services/T/B/SLACKSECRET" }
              mail { type = email, host = smtp.example.net, from = "s@example.net", to = ["a@example.net"], username = s, password = "MAILSECRET" }
            }
            """);

        var summary = ConfigSummary.Format(s);

        Assert.Contains("Notification channels (5)", summary);
        Assert.Contains("phone  ntfy", summary);
        Assert.Contains("https://ntfy.sh topic power, token set", summary);
        Assert.Contains("POST https://hooks.example.net/…, signed, headers Authorization", summary);
        Assert.Contains("webhook https://hooks.slack.com/…", summary);
        Assert.Contains("smtp smtp.example.net:587 (start-tls) to a@example.net as s, password set", summary);
        foreach (var secret in new[] { "QUERYSECRET", "HOOKSECRET", "HEADERSECRET", "NTFYSECRET", "TGSECRET", "SLACKSECRET", "MAILSECRET" })
            Assert.DoesNotContain(secret, summary);
        Assert.DoesNotContain("SECRET", string.Join("\n", s.Notifications.Channels.Select(c => c.ToString())));
    }
}

/// <summary>The e-mail channel's tls-ca file, checked by validate.</summary>
public sealed class NotificationTlsCaConfigTests
{
    private const string Base = LoaderTestSupport.Base + "\n";

    private static ConfigLoadResult LoadWithCa(string ca) => LoaderTestSupport.Load(Base +
        $"supervisor.notifications.channels.mail {{ type = email, host = h, from = \"a@b.c\", to = [\"d@e.f\"], tls-ca = \"{ca}\" }}");

    [Fact]
    public void A_missing_file_is_an_error_at_tls_ca() =>
        Assert.Contains("not found", LoaderTestSupport.SingleError(LoadWithCa("/nonexistent/ca.pem")).Message);

    [Fact]
    public void A_file_that_is_no_certificate_is_an_error_at_tls_ca()
    {
        using var dir = new TempDir();
        var e = LoaderTestSupport.SingleError(LoadWithCa(dir.Write("ca.pem", "not a certificate")));
        Assert.Equal("supervisor.notifications.channels.mail.tls-ca", e.Path);
        Assert.Contains("is not a PEM or DER certificate", e.Message);
    }
}
