namespace Supervisor.Notifications.Tests;

/// <summary>
/// ntfy, Gotify, Telegram, Discord, Slack and apprise-api channels against a real HTTP receiver: the method, path,
/// headers and body each API documents.
/// </summary>
public sealed class ApiChannelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ntfy_publishes_the_message_to_server_slash_topic_with_title_priority_tags_and_bearer_token()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new NtfyChannel(new("phone", Timeout, MessageTemplates.None, server.BaseUri, "power-alerts", "tk_secret", ["warning", "zap"]));

        Assert.IsType<DeliveryOutcome.Delivered>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        var r = server.Single();
        Assert.Equal(("POST", "/power-alerts"), (r.Method, r.Path));
        Assert.Equal("ups-a on battery", r.Header("Title"));
        Assert.Equal("5", r.Header("Priority"));
        Assert.Equal("warning,zap", r.Header("Tags"));
        Assert.Equal("Bearer tk_secret", r.Header("Authorization"));
        Assert.Equal(Samples.OnBattery().Message, r.BodyText);
    }

    [Fact]
    public async Task Ntfy_encodes_a_non_ascii_title_per_rfc_2047()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new NtfyChannel(new("phone", Timeout, new("⚡ {title}", null), server.BaseUri, "t", null, []));

        await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        var title = server.Single().Header("Title")!;
        Assert.StartsWith("=?UTF-8?B?", title);
        Assert.Equal("⚡ ups-a on battery", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(title[10..^2])));
        Assert.Null(server.Single().Header("Authorization"));
    }

    [Fact]
    public async Task Gotify_posts_json_to_message_with_the_app_token_header()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new GotifyChannel(new("gotify", Timeout, MessageTemplates.None, server.BaseUri, "AppTok3n", TokenInQuery: false));

        Assert.IsType<DeliveryOutcome.Delivered>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        var r = server.Single();
        Assert.Equal(("POST", "/message", ""), (r.Method, r.Path, r.Query));
        Assert.Equal("AppTok3n", r.Header("X-Gotify-Key"));
        Assert.Equal("ups-a on battery", r.Json.GetProperty("title").GetString());
        Assert.Equal(Samples.OnBattery().Message, r.Json.GetProperty("message").GetString());
        Assert.Equal(8, r.Json.GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task Gotify_can_send_the_token_as_a_query_parameter_instead()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new GotifyChannel(new("gotify", Timeout, MessageTemplates.None, server.Url("/gotify/"), "AppTok3n", TokenInQuery: true));

        await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        var r = server.Single();
        Assert.Equal(("/gotify/message", "?token=AppTok3n"), (r.Path, r.Query));
        Assert.Null(r.Header("X-Gotify-Key"));
    }

    [Fact]
    public async Task Telegram_calls_sendMessage_on_the_bot_path_with_chat_id_and_text()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new TelegramChannel(new("tg", Timeout, MessageTemplates.None, server.BaseUri, "123456:ABC-DEF", "-100987"));

        Assert.IsType<DeliveryOutcome.Delivered>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        var r = server.Single();
        Assert.Equal(("POST", "/bot123456:ABC-DEF/sendMessage"), (r.Method, r.Path));
        Assert.StartsWith("application/json", r.Header("Content-Type"));
        Assert.Equal("-100987", r.Json.GetProperty("chat_id").GetString());
        Assert.Equal("ups-a on battery\n" + Samples.OnBattery().Message, r.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Discord_executes_the_webhook_with_content_and_an_embed_and_takes_204_as_delivered()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Respond = _ => new Answer(204);
        using var channel = new DiscordChannel(new("discord", Timeout, MessageTemplates.None, server.Url("/api/webhooks/42/tok").ToString()));

        Assert.IsType<DeliveryOutcome.Delivered>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        var r = server.Single();
        Assert.Equal(("POST", "/api/webhooks/42/tok"), (r.Method, r.Path));
        Assert.Equal("ups-a on battery", r.Json.GetProperty("content").GetString());
        var embed = Assert.Single(r.Json.GetProperty("embeds").EnumerateArray());
        Assert.Equal("ups-a on battery", embed.GetProperty("title").GetString());
        Assert.Equal(Samples.OnBattery().Message, embed.GetProperty("description").GetString());
        Assert.Equal(0xD32F2F, embed.GetProperty("color").GetInt32());
        Assert.Equal(Samples.At, embed.GetProperty("timestamp").GetDateTimeOffset());
    }

    [Fact]
    public async Task Slack_posts_text_with_the_title_in_bold()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new SlackChannel(new("slack", Timeout, MessageTemplates.None, server.Url("/services/T/B/x").ToString()));

        Assert.IsType<DeliveryOutcome.Delivered>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        var r = server.Single();
        Assert.Equal(("POST", "/services/T/B/x"), (r.Method, r.Path));
        Assert.Equal("*ups-a on battery*\n" + Samples.OnBattery().Message, r.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Apprise_notifies_a_stored_configuration_by_key()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new AppriseChannel(new("apprise", Timeout, MessageTemplates.None, server.BaseUri, "ops", null));

        Assert.IsType<DeliveryOutcome.Delivered>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        var r = server.Single();
        Assert.Equal(("POST", "/notify/ops"), (r.Method, r.Path));
        Assert.Equal("ups-a on battery", r.Json.GetProperty("title").GetString());
        Assert.Equal(Samples.OnBattery().Message, r.Json.GetProperty("body").GetString());
        Assert.Equal("failure", r.Json.GetProperty("type").GetString());
        Assert.False(r.Json.TryGetProperty("urls", out _));
    }

    [Fact]
    public async Task Apprise_stateless_notify_sends_the_urls()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        using var channel = new AppriseChannel(new("apprise", Timeout, MessageTemplates.None, server.BaseUri, null, "mailto://u:p@example.net"));

        await channel.SendAsync(Samples.OnBattery() with { Severity = EventSeverity.Warning }, CancellationToken.None);

        var r = server.Single();
        Assert.Equal("/notify", r.Path);
        Assert.Equal("mailto://u:p@example.net", r.Json.GetProperty("urls").GetString());
        Assert.Equal("warning", r.Json.GetProperty("type").GetString());
    }
}
