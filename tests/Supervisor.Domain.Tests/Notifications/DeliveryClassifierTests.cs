using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Tests.Notifications;

public sealed class DeliveryClassifierTests
{
    private static readonly ChannelDescription Ntfy = new("ntfy", "phone", "topic", "token");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Property]
    public bool Every_2xx_is_delivered(byte offset) =>
        DeliveryClassifier.FromHttpStatus(Ntfy, 200 + offset % 100, null, Now) is DeliveryOutcome.Delivered;

    [Property]
    public bool Every_5xx_is_retried(byte offset) =>
        DeliveryClassifier.FromHttpStatus(Ntfy, 500 + offset % 100, null, Now) is DeliveryOutcome.RetryLater;

    [Property]
    public bool Every_4xx_but_408_and_429_is_permanent_and_names_the_channel_and_status(byte offset)
    {
        var status = 400 + offset % 100;
        var outcome = DeliveryClassifier.FromHttpStatus(Ntfy, status, null, Now);
        return status is 408 or 429
            ? outcome is DeliveryOutcome.RetryLater
            : outcome is DeliveryOutcome.Permanent p && p.Reason.StartsWith($"{status} from ntfy channel 'phone': ", StringComparison.Ordinal);
    }

    [Fact]
    public void A_401_names_the_credential_key_and_its_path()
    {
        var p = Assert.IsType<DeliveryOutcome.Permanent>(DeliveryClassifier.FromHttpStatus(Ntfy, 401, null, Now));
        Assert.Equal("401 from ntfy channel 'phone': check the token (supervisor.notifications.channels.phone.token)", p.Reason);
    }

    [Fact]
    public void A_401_on_a_channel_without_a_credential_says_the_receiver_wants_one()
    {
        var hook = new ChannelDescription("webhook", "hook", "url", null);
        var p = Assert.IsType<DeliveryOutcome.Permanent>(DeliveryClassifier.FromHttpStatus(hook, 401, null, Now));
        Assert.Contains("the receiver wants a credential", p.Reason);
    }

    [Fact]
    public void A_channel_id_that_is_not_a_plain_word_is_quoted_in_the_path()
    {
        var odd = new ChannelDescription("ntfy", "my phone", "topic", "token");
        var p = Assert.IsType<DeliveryOutcome.Permanent>(DeliveryClassifier.FromHttpStatus(odd, 404, null, Now));
        Assert.Contains("supervisor.notifications.channels.\"my phone\".topic", p.Reason);
    }

    [Fact]
    public void A_429_carries_the_retry_after_delay()
    {
        var r = Assert.IsType<DeliveryOutcome.RetryLater>(DeliveryClassifier.FromHttpStatus(Ntfy, 429, "30", Now));
        Assert.Equal(TimeSpan.FromSeconds(30), r.After);
    }

    [Fact]
    public void A_503_with_retry_after_carries_it_too()
    {
        var r = Assert.IsType<DeliveryOutcome.RetryLater>(DeliveryClassifier.FromHttpStatus(Ntfy, 503, "Mon, 07 Dec 2026 10:02:00 GMT", Now));
        Assert.Equal(TimeSpan.FromMinutes(2), r.After);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("soon", null)]
    [InlineData("-5", null)]
    [InlineData("0", 0.0)]
    [InlineData(" 17 ", 17.0)]
    [InlineData("Mon, 07 Dec 2026 09:59:00 GMT", 0.0)]
    [InlineData("Mon, 07 Dec 2026 10:00:45 GMT", 45.0)]
    [InlineData("99999999", 86400.0)]
    public void Retry_after_is_seconds_or_an_http_date_and_a_past_date_is_no_wait(string? header, double? seconds) =>
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, DeliveryClassifier.ParseRetryAfter(header, Now));

    [Fact]
    public void Transport_faults_are_retried_and_name_the_channel()
    {
        var refused = Assert.IsType<DeliveryOutcome.RetryLater>(
            DeliveryClassifier.Unreachable(Ntfy, System.Net.Http.HttpRequestError.ConnectionError, System.Net.Sockets.SocketError.ConnectionRefused));
        Assert.Equal("ntfy channel 'phone' unreachable: connection-error (connection-refused); retrying", refused.Reason);
        var slow = Assert.IsType<DeliveryOutcome.RetryLater>(DeliveryClassifier.TimedOut(Ntfy, TimeSpan.FromSeconds(10)));
        Assert.Contains("no answer within 10s", slow.Reason);
    }
}
