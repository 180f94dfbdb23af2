using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Configuration;

/// <summary><c>supervisor.notifications</c>: the channels people are told on, by id, in file order.</summary>
public sealed record NotificationSettings(IReadOnlyList<ChannelSettings> Channels)
{
    /// <summary>No channels (the default): nobody is told.</summary>
    public static readonly NotificationSettings None = new([]);

    /// <summary><c>coalesce</c>: ONBATT then ONLINE within this is one "power blip" message (ONBATT waits at most this long).</summary>
    public TimeSpan Coalesce { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>retry { first, max, give-up-after }</c>: the outbox's backoff per channel.</summary>
    public Notifications.Outbox.OutboxRetryPolicy Retry { get; init; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));

    /// <summary><c>mute</c>, <c>quiet-hours</c>, globally and per channel (safety-critical kinds cannot be muted).</summary>
    public Alerts.NotificationPolicySettings Policy { get; init; } =
        new(Alerts.Suppression.None, new Dictionary<string, Alerts.Suppression>(StringComparer.Ordinal));

    /// <summary><c>power-events { no-comm-after, voltage { … } }</c>: how power events are told from samples.</summary>
    public Alerts.PowerEventSettings PowerEvents { get; init; } =
        new(TimeSpan.FromSeconds(60), new Alerts.VoltageSettings(LowPercent: 10, HighPercent: 10, ClearMarginPercent: 2));

    public ChannelSettings? FindChannel(string id) => Channels.FirstOrDefault(c => c.Id == id);

    /// <summary><c>validate</c>'s lines for the channels: id, type, target, timeout; secrets only as "set".</summary>
    public IEnumerable<string[]> SummaryRows() =>
        Channels.Select(c => new[] { c.Id, c.Type, c.SummaryTarget(), $"timeout {ConfigSummary.FormatDuration(c.Timeout)}" });

    /// <summary>Every template problem, at the template's key (the reader reports what it cannot read at all).</summary>
    public IEnumerable<ConfigError> Validate()
    {
        foreach (var e in Alerts.NotificationPolicy.Validate(Policy)) yield return e;
        foreach (var c in Channels)
        foreach (var (key, problem) in c.Templates.Problems())
            yield return new ConfigError(c.Describe().KeyPath(key), problem);
    }
}

/// <summary>A channel's optional templates (<see cref="MessageTemplate"/>); null = the notification's own title / message.</summary>
public sealed record MessageTemplates(string? Title, string? Message)
{
    public static readonly MessageTemplates None = new(null, null);

    /// <summary>Every problem of the templates that are set, by their config key (<see cref="MessageTemplate.Problems"/>).</summary>
    public IEnumerable<(string Key, string Problem)> Problems()
    {
        foreach (var (key, template) in new[] { ("title", Title), ("message", Message) })
            if (template is not null)
                foreach (var problem in MessageTemplate.Problems(template)) yield return (key, problem);
    }
}

/// <summary>
/// One <c>supervisor.notifications.channels.&lt;id&gt;</c>. Each type is its own record; secrets are <see cref="Secret"/>s,
/// also URLs that carry a token (Discord's and Slack's webhook URLs), so a settings record can be printed whole.
/// </summary>
/// <param name="Timeout">One delivery attempt's limit (HTTP request, SMTP session, command run).</param>
public abstract record ChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates)
{
    /// <summary>The type as config spells it.</summary>
    public abstract string Type { get; }

    /// <summary>Where it sends, for <c>validate</c>'s summary; never a secret.</summary>
    public abstract string SummaryTarget();

    /// <summary>The channel for outcome reasons: which keys hold its address and its credential.</summary>
    public abstract ChannelDescription Describe();
}

/// <summary><c>type = webhook</c>: a JSON POST signed per Standard Webhooks when <see cref="SigningSecret"/> is set.</summary>
/// <param name="Url">A secret: receivers often put their key in the path or query (Home Assistant's webhook id, <c>?key=</c>).</param>
/// <param name="SigningSecret"><c>whsec_&lt;base64&gt;</c> (the key is the decoded bytes) or any other text (its UTF-8 bytes).</param>
/// <param name="Headers">Extra request headers; values are secrets (an <c>Authorization</c> header is typical).</param>
public sealed record WebhookChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, Secret Url, Secret? SigningSecret,
    IReadOnlyDictionary<string, Secret> Headers) : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "webhook";
    public override string SummaryTarget() => $"POST {Authority(Url)}/…{(SigningSecret is null ? "" : ", signed")}" +
                                              (Headers.Count == 0 ? "" : $", headers {string.Join(", ", Headers.Keys)}");
    public override ChannelDescription Describe() => new(Type, Id, "url", SigningSecret is null && Headers.Count == 0 ? null : "secret");

    /// <summary>Scheme, host and port of a URL held as a secret: what may be shown of it.</summary>
    internal static string Authority(Secret url) =>
        Uri.TryCreate(url.Reveal(), UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}{(uri.IsDefaultPort ? "" : $":{uri.Port}")}" : "(url)";
}

/// <summary><c>type = ntfy</c>: publish to <c>{server}/{topic}</c>; <see cref="Token"/> as a bearer token when set.</summary>
/// <param name="Tags">ntfy tags (emoji short codes), comma-joined into the <c>Tags</c> header.</param>
public sealed record NtfyChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, Uri Server, string Topic, Secret? Token,
    IReadOnlyList<string> Tags) : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "ntfy";
    public override string SummaryTarget() => $"{Server.GetLeftPart(UriPartial.Authority)} topic {Topic}{(Token is null ? "" : ", token set")}";
    public override ChannelDescription Describe() => new(Type, Id, "topic", "token");
}

/// <summary><c>type = gotify</c>: <c>POST {server}/message</c> with an application token.</summary>
/// <param name="TokenInQuery">Send the token as <c>?token=</c> instead of the <c>X-Gotify-Key</c> header (for proxies that drop headers).</param>
public sealed record GotifyChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, Uri Server, Secret Token, bool TokenInQuery)
    : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "gotify";
    public override string SummaryTarget() => $"{Server.GetLeftPart(UriPartial.Authority)}/message, token set";
    public override ChannelDescription Describe() => new(Type, Id, "server", "token");
}

/// <summary><c>type = telegram</c>: Bot API <c>POST {api}/bot{token}/sendMessage</c> to <see cref="ChatId"/>.</summary>
/// <param name="Api">The Bot API base (https://api.telegram.org; a local Bot API server or a test server otherwise).</param>
public sealed record TelegramChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, Uri Api, Secret Token, string ChatId)
    : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "telegram";
    public override string SummaryTarget() => $"chat {ChatId} via {Api.GetLeftPart(UriPartial.Authority)}, token set";
    public override ChannelDescription Describe() => new(Type, Id, "chat-id", "token");
}

/// <summary><c>type = discord</c>: a Discord webhook (its URL holds the webhook's token, hence a secret).</summary>
public sealed record DiscordChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, Secret Url)
    : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "discord";
    public override string SummaryTarget() => $"webhook {WebhookChannelSettings.Authority(Url)}/…";
    public override ChannelDescription Describe() => new(Type, Id, "url", "url");
}

/// <summary><c>type = slack</c>: a Slack incoming webhook (its URL is the credential, hence a secret).</summary>
public sealed record SlackChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, Secret Url)
    : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "slack";
    public override string SummaryTarget() => $"webhook {WebhookChannelSettings.Authority(Url)}/…";
    public override ChannelDescription Describe() => new(Type, Id, "url", "url");
}

/// <summary><c>type = apprise</c>: apprise-api, <c>POST {server}/notify/{key}</c> (stored config) or <c>/notify</c> with <see cref="Urls"/>.</summary>
/// <param name="Urls">Apprise URLs (they hold the targets' credentials, hence a secret); null with a <see cref="Key"/>.</param>
public sealed record AppriseChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, Uri Server, string? Key, Secret? Urls)
    : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "apprise";
    public override string SummaryTarget() => $"{Server.GetLeftPart(UriPartial.Authority)}/notify{(Key is null ? " with urls" : "/" + Key)}";
    public override ChannelDescription Describe() => new(Type, Id, Key is null ? "urls" : "key", Key is null ? "urls" : null);
}

/// <summary>How an e-mail channel protects its SMTP session.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, then STARTTLS, refusing a server that does not offer it (the default, port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    Tls,
    /// <summary>No TLS at all: only for a relay on this host.</summary>
    None,
}

/// <summary><c>type = email</c>: SMTP submission via MailKit; the <c>title</c> template is the subject.</summary>
/// <param name="TlsCa">A CA certificate file (PEM/DER) the server's certificate must chain to; null = the system's store.</param>
public sealed record EmailChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, string Host, int Port, SmtpSecurity Security,
    string? TlsCa, string From, IReadOnlyList<string> To, string? Username, Secret? Password)
    : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "email";
    public override string SummaryTarget() => $"smtp {Host}:{Port} ({ConfigSummary.Kebab(Security.ToString())}) to {string.Join(", ", To)}" +
                                              (Username is null ? "" : $" as {Username}{(Password is null ? "" : ", password set")}");
    public override ChannelDescription Describe() => new(Type, Id, "to", Username is null ? null : "password");
}

/// <summary><c>type = command</c>: runs <see cref="Command"/> (argv, never a shell) with the notification in its environment.</summary>
public sealed record CommandChannelSettings(string Id, TimeSpan Timeout, MessageTemplates Templates, IReadOnlyList<string> Command)
    : ChannelSettings(Id, Timeout, Templates)
{
    public override string Type => "command";
    public override string SummaryTarget() => string.Join(" ", Command);
    public override ChannelDescription Describe() => new(Type, Id, "command", null);
}
