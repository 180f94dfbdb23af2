using System.Globalization;

namespace Supervisor.Domain.Notifications;

/// <summary>
/// Which channel an outcome is about and where its settings live, so a reason can name both the channel and the key
/// to fix. Holds no secret: <paramref name="CredentialKey"/> is a key name (<c>token</c>), never its value.
/// </summary>
/// <param name="Type">The channel type as config spells it (<c>ntfy</c>, <c>webhook</c>, …).</param>
/// <param name="Id">The key under <c>supervisor.notifications.channels</c>.</param>
/// <param name="AddressKey">The key holding where it is sent (<c>url</c>, <c>topic</c>, <c>chat-id</c>).</param>
/// <param name="CredentialKey">The key holding its credential, or null when the channel has none.</param>
public sealed record ChannelDescription(string Type, string Id, string AddressKey, string? CredentialKey)
{
    /// <summary><c>supervisor.notifications.channels.&lt;id&gt;</c>.</summary>
    public string ConfigPath => $"supervisor.notifications.channels.{Configuration.ConfigPath.Key(Id)}";

    /// <summary>The HOCON path of one of this channel's keys.</summary>
    public string KeyPath(string key) => $"{ConfigPath}.{key}";

    /// <summary>"ntfy channel 'phone'", the way every reason starts.</summary>
    public override string ToString() => $"{Type} channel '{Id}'";
}

/// <summary>
/// The one rule for what an HTTP answer or a transport fault means for a notification: 2xx delivered; 429 retry after
/// the receiver's <c>Retry-After</c>; 408, 5xx, network faults and timeouts retry; any other 4xx is permanent, since
/// sending the same request again cannot help, and its reason names the channel, the status and the likely fix.
/// Pure: the HTTP channels pass in the status and the header text. Reasons never hold a secret or a URL.
/// </summary>
public static class DeliveryClassifier
{
    /// <summary>The outcome of an HTTP answer with <paramref name="status"/>.</summary>
    /// <param name="retryAfter">The raw <c>Retry-After</c> header, when the receiver sent one.</param>
    /// <param name="now">For a <c>Retry-After</c> written as an HTTP date.</param>
    public static DeliveryOutcome FromHttpStatus(ChannelDescription channel, int status, string? retryAfter, DateTimeOffset now)
    {
        if (status is >= 200 and < 300) return new DeliveryOutcome.Delivered();
        if (status == 429)
            return new DeliveryOutcome.RetryLater($"429 from {channel}: the receiver asks to slow down", ParseRetryAfter(retryAfter, now));
        if (status == 408 || status >= 500)
            return new DeliveryOutcome.RetryLater($"{status} from {channel}: the receiver failed; retrying", ParseRetryAfter(retryAfter, now));
        if (status is >= 400 and < 500) return new DeliveryOutcome.Permanent($"{status} from {channel}: {Fix(channel, status)}");
        // 1xx or 3xx as a final answer: HttpClient follows redirects, so this is a receiver we do not understand.
        return new DeliveryOutcome.Permanent($"{status} from {channel}: unexpected answer; check {channel.KeyPath(channel.AddressKey)}");
    }

    /// <summary>The receiver could not be reached (refused, reset, name not found): retry.</summary>
    /// <param name="what">What failed, without any address that may hold a secret ("connection refused").</param>
    public static DeliveryOutcome Unreachable(ChannelDescription channel, string what) =>
        new DeliveryOutcome.RetryLater($"{channel} unreachable: {what}; retrying");

    /// <summary>As <see cref="Unreachable(ChannelDescription, string)"/>, from error codes (an HttpRequestError, a SocketError):
    /// codes never quote the request's URL, which for some channels holds a token.</summary>
    public static DeliveryOutcome Unreachable(ChannelDescription channel, Enum error, Enum? detail = null) =>
        Unreachable(channel, Configuration.ConfigSummary.Kebab(error.ToString()) + (detail is null ? "" : $" ({Configuration.ConfigSummary.Kebab(detail.ToString())})"));

    /// <summary>No answer within the channel's timeout: retry.</summary>
    public static DeliveryOutcome TimedOut(ChannelDescription channel, TimeSpan timeout) =>
        new DeliveryOutcome.RetryLater($"{channel} gave no answer within {Configuration.ConfigSummary.FormatDuration(timeout)}; retrying " +
                                       $"(raise {channel.KeyPath("timeout")} if the receiver is just slow)");

    private static string Fix(ChannelDescription channel, int status) => status switch
    {
        401 or 403 when channel.CredentialKey is { } key => $"check the {key} ({channel.KeyPath(key)})",
        401 or 403 => $"the receiver wants a credential; check {channel.KeyPath(channel.AddressKey)} and the receiver's access rules",
        404 or 410 => $"nothing there; check the {channel.AddressKey} ({channel.KeyPath(channel.AddressKey)})",
        413 => $"the message is too large for the receiver; shorten the template ({channel.KeyPath("message")})",
        _ => $"the receiver refused the request; check the channel's settings ({channel.ConfigPath})",
    };

    /// <summary>
    /// <c>Retry-After</c> as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable.
    /// A date in the past is no wait.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(string? header, DateTimeOffset now)
    {
        var text = header?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(1).TotalSeconds));
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
