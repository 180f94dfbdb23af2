using Microsoft.Extensions.Time.Testing;

namespace Supervisor.Notifications.Tests;

/// <summary>How the HTTP channels classify a real receiver's refusals and a receiver that is not there.</summary>
public sealed class HttpFailureTests
{
    private const string Token = "tk_SuperSecret_42";

    private static NtfyChannel Ntfy(Uri server, TimeSpan? timeout = null, TimeProvider? time = null) =>
        new(new("phone", timeout ?? TimeSpan.FromSeconds(5), MessageTemplates.None, server, "power", Token, []), time);

    private static async Task<DeliveryOutcome> SendAgainst(Answer answer, TimeProvider? time = null)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Respond = _ => answer;
        using var channel = Ntfy(server.BaseUri, time: time);
        return await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);
    }

    [Fact]
    public async Task A_429_with_retry_after_seconds_is_retry_later_after_that_delay()
    {
        var outcome = await SendAgainst(new Answer(429, new Dictionary<string, string> { ["Retry-After"] = "120" }));

        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(120), retry.After);
        Assert.Contains("429 from ntfy channel 'phone'", retry.Reason);
    }

    [Fact]
    public async Task A_429_with_retry_after_as_an_http_date_waits_until_that_date()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var outcome = await SendAgainst(new Answer(429, new Dictionary<string, string> { ["Retry-After"] = "Mon, 07 Dec 2026 10:01:30 GMT" }), clock);

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.IsType<DeliveryOutcome.RetryLater>(outcome).After);
    }

    [Theory]
    [InlineData(401, "check the token (supervisor.notifications.channels.phone.token)")]
    [InlineData(403, "check the token (supervisor.notifications.channels.phone.token)")]
    [InlineData(404, "check the topic (supervisor.notifications.channels.phone.topic)")]
    [InlineData(400, "check the channel's settings (supervisor.notifications.channels.phone)")]
    public async Task Other_4xx_are_permanent_and_name_the_channel_the_status_and_the_fix(int status, string fix)
    {
        var outcome = await SendAgainst(new Answer(status));

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(outcome);
        Assert.StartsWith($"{status} from ntfy channel 'phone': ", permanent.Reason);
        Assert.Contains(fix, permanent.Reason);
        Assert.DoesNotContain(Token, permanent.Reason);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task A_5xx_or_408_is_retry_later(int status)
    {
        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(await SendAgainst(new Answer(status)));
        Assert.Contains($"{status} from ntfy channel 'phone'", retry.Reason);
    }

    [Fact]
    public async Task A_closed_port_is_retry_later_naming_the_channel()
    {
        using var channel = Ntfy(new Uri($"http://127.0.0.1:{Samples.ClosedPort()}"));

        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Contains("ntfy channel 'phone' unreachable", retry.Reason);
        Assert.Contains("connection-refused", retry.Reason);
    }

    /// <summary>A receiver that answers only after 10 s.</summary>
    private static async Task<LoopbackHttpServer> SlowReceiver()
    {
        var server = await LoopbackHttpServer.StartAsync();
        server.Respond = _ => new Answer(200, Delay: TimeSpan.FromSeconds(10));
        return server;
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_retry_later_naming_the_timeout_key()
    {
        await using var server = await SlowReceiver();
        using var channel = Ntfy(server.BaseUri, TimeSpan.FromMilliseconds(300));

        var started = DateTime.UtcNow;
        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the attempt should end at its timeout");
        Assert.Contains("no answer within 300ms", retry.Reason);
        Assert.Contains("supervisor.notifications.channels.phone.timeout", retry.Reason);
    }

    [Fact]
    public async Task A_caller_cancellation_is_not_turned_into_an_outcome()
    {
        await using var server = await SlowReceiver();
        using var channel = Ntfy(server.BaseUri);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SendAsync(Samples.OnBattery(), cts.Token));
    }

    [Fact]
    public async Task Telegram_failures_never_show_the_bot_token_that_sits_in_its_url()
    {
        const string botToken = "987654:SECRET-bot-token";
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Respond = _ => new Answer(401, Body: """{"ok":false,"error_code":401,"description":"Unauthorized"}""");
        using var refused = new TelegramChannel(new("tg", TimeSpan.FromSeconds(5), MessageTemplates.None, server.BaseUri, botToken, "1"));
        using var unreachable = new TelegramChannel(new("tg", TimeSpan.FromSeconds(5), MessageTemplates.None,
            new Uri($"http://127.0.0.1:{Samples.ClosedPort()}"), botToken, "1"));

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(await refused.SendAsync(Samples.OnBattery(), CancellationToken.None));
        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(await unreachable.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Contains("check the token (supervisor.notifications.channels.tg.token)", permanent.Reason);
        Assert.DoesNotContain("SECRET", permanent.Reason);
        Assert.DoesNotContain("SECRET", retry.Reason);
    }
}
