using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>One reader per channel type; each returns null after reporting a missing or unreadable required key.</summary>
internal static partial class NotificationConfigReader
{
    private static readonly IReadOnlyDictionary<string, SmtpSecurity> SecurityNames = new Dictionary<string, SmtpSecurity>
    {
        ["starttls"] = SmtpSecurity.StartTls, ["tls"] = SmtpSecurity.Tls, ["none"] = SmtpSecurity.None,
    };

    private static ChannelSettings? ReadWebhook(HoconSection s, Common c, string? baseDirectory)
    {
        var url = SecretUrl(s, "https://hooks.example.net/supervisor", baseDirectory);
        var secret = SecretResolver.Resolve(s, baseDirectory, "secret", "signing secret");
        if (secret is not null && Domain.Notifications.WebhookSignature.Key(secret.Reveal()) is null)
            s.Diag.Error(s.KeyPath("secret"), "the value starts with whsec_ but the rest is not base64; copy the whole secret the receiver gave you");
        var headers = new Dictionary<string, Secret>(StringComparer.OrdinalIgnoreCase);
        var h = s.Child("headers");
        if (h is { Own: { } own })
        {
            foreach (var name in own.Items.Keys)
                if (SecretResolver.Resolve(h, baseDirectory, name, "header value") is { } value) headers[name] = value;
        }
        else if (h is null && s.Has("headers"))
            s.Diag.Error(s.KeyPath("headers"), "must be an object of header name -> value; write e.g. headers { Authorization = \"env:HOOK_AUTH\" }");
        return url is null ? null : new WebhookChannelSettings(c.Id, c.Timeout, c.Templates, url, secret, headers);
    }

    private static ChannelSettings? ReadNtfy(HoconSection s, Common c, string? baseDirectory)
    {
        var server = DefaultedUrl(s, "server", "https://ntfy.sh");
        var topic = Required(s, "topic", "power-alerts");
        if (topic is not null && (topic.Contains('/') || topic.Any(char.IsWhiteSpace)))
            s.Diag.Error(s.KeyPath("topic"), $"\"{Domain.Text.ForeignText.Escape(topic)}\" is not a topic name (no '/' or spaces); write e.g. topic = power-alerts");
        var token = SecretResolver.Resolve(s, baseDirectory, "token", "access token");
        var tags = s.StringList("tags", "[warning, zap]") ?? [];
        return server is null || topic is null ? null : new NtfyChannelSettings(c.Id, c.Timeout, c.Templates, server, topic, token, tags);
    }

    private static ChannelSettings? ReadGotify(HoconSection s, Common c, string? baseDirectory)
    {
        var server = RequiredUrl(s, "server", "https://gotify.example.net");
        var token = RequiredSecret(s, "token", "application token", "env:GOTIFY_TOKEN", baseDirectory);
        var inQuery = s.Bool("token-in-query");
        return server is null || token is null ? null : new GotifyChannelSettings(c.Id, c.Timeout, c.Templates, server, token, inQuery);
    }

    private static ChannelSettings? ReadTelegram(HoconSection s, Common c, string? baseDirectory)
    {
        var api = DefaultedUrl(s, "api", "https://api.telegram.org");
        var token = RequiredSecret(s, "token", "bot token", "env:TELEGRAM_BOT_TOKEN", baseDirectory);
        var chat = Required(s, "chat-id", "\"-1001234567890\"");
        return api is null || token is null || chat is null ? null : new TelegramChannelSettings(c.Id, c.Timeout, c.Templates, api, token, chat);
    }

    private static ChannelSettings? ReadDiscord(HoconSection s, Common c, string? baseDirectory) =>
        SecretUrl(s, "https://discord.com/api/webhooks/<id>/<token>", baseDirectory) is { } url
            ? new DiscordChannelSettings(c.Id, c.Timeout, c.Templates, url) : null;

    private static ChannelSettings? ReadSlack(HoconSection s, Common c, string? baseDirectory) =>
        SecretUrl(s, "https://hooks.slack.com/services/<T>/<B>/<token>", baseDirectory) is { } url
            ? new SlackChannelSettings(c.Id, c.Timeout, c.Templates, url) : null;

    /// <summary>A webhook URL that is itself the credential: a secret, checked as a URL without ever quoting it.</summary>
    private static Secret? SecretUrl(HoconSection s, string example, string? baseDirectory)
    {
        var url = RequiredSecret(s, "url", "webhook URL", example, baseDirectory);
        return url is not null && Url(s, "url", url.Reveal(), example, secret: true) is not null ? url : null;
    }

    private static ChannelSettings? ReadApprise(HoconSection s, Common c, string? baseDirectory)
    {
        var server = RequiredUrl(s, "server", "http://apprise.example.net:8000");
        var key = s.OptionalString("key");
        var urls = SecretResolver.Resolve(s, baseDirectory, "urls", "apprise URLs");
        if (key is not null && urls is not null)
            s.Diag.Error(s.Path, "set only one of key (a configuration stored in apprise-api) or urls (apprise URLs sent with each message)");
        else if (key is null && urls is null && !SecretKeys("urls").Any(s.Has))
            s.Diag.Error(s.KeyPath("key"), "missing; set key = <the apprise-api configuration key>, or urls = \"env:APPRISE_URLS\" for stateless notify");
        return server is null || (key is null && urls is null) ? null : new AppriseChannelSettings(c.Id, c.Timeout, c.Templates, server, key, urls);
    }

    private static ChannelSettings? ReadEmail(HoconSection s, Common c, string? baseDirectory)
    {
        var host = Required(s, "host", "smtp.example.net");
        var port = s.Int("port");
        if (port is < 1 or > 65535) s.Diag.Error(s.KeyPath("port"), $"{port} is not a TCP port; use 1 to 65535 (587 for starttls, 465 for tls)");
        var security = s.Enum("security", SecurityNames);
        var from = Required(s, "from", "\"supervisor@example.net\"");
        var to = s.StringList("to", "[\"ops@example.net\"]");
        if (to is null or { Count: 0 }) s.Diag.Error(s.KeyPath("to"), "no recipients; write e.g. to = [\"ops@example.net\"]");
        var username = s.OptionalString("username");
        var password = SecretResolver.Resolve(s, baseDirectory, "password", "SMTP password");
        if (password is not null && username is null)
            s.Diag.Error(s.KeyPath("username"), "missing; a password needs the username it belongs to, e.g. username = supervisor@example.net");
        var ca = TlsCa(s, baseDirectory);
        return host is null || from is null || to is null or { Count: 0 } ? null
            : new EmailChannelSettings(c.Id, c.Timeout, c.Templates, host, port, security, ca, from, to, username, password);
    }

    /// <summary>
    /// The CA file at <c>tls-ca</c>, relative to the config file; it must exist now, so a typo is found by <c>validate</c>.
    /// Also the MQTT broker's (<paramref name="server"/> names whose certificate it signed).
    /// </summary>
    internal static string? TlsCa(HoconSection s, string? baseDirectory, string server = "the SMTP server")
    {
        if (s.OptionalString("tls-ca") is not { } ca || !s.UsableFileName(ca, s.KeyPath("tls-ca"))) return null;
        var full = System.IO.Path.GetFullPath(ca, baseDirectory ?? Directory.GetCurrentDirectory());
        if (File.Exists(full))
        {
            try
            {
                // Loaded once here so that a file that is no certificate is validate's error, not a fault when the channel starts.
                using var _ = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(full);
                return full;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                s.Diag.Error(s.KeyPath("tls-ca"), $"file \"{full}\" is not a PEM or DER certificate; give the CA certificate that signed {server}'s certificate");
                return null;
            }
        }
        s.Diag.Error(s.KeyPath("tls-ca"), $"file \"{full}\" not found; give the CA certificate (PEM or DER) that signed {server}'s certificate");
        return null;
    }

    private static ChannelSettings? ReadCommand(HoconSection s, Common c, string? baseDirectory)
    {
        var argv = s.StringList("command", "[\"/usr/local/bin/notify-power\", \"--urgent\"]");
        if (argv is null or { Count: 0 } || string.IsNullOrWhiteSpace(argv[0]))
        {
            s.Diag.Error(s.KeyPath("command"), "missing; write e.g. command = [\"/usr/local/bin/notify-power\", \"--urgent\"] (run without a shell)");
            return null;
        }
        return new CommandChannelSettings(c.Id, c.Timeout, c.Templates, argv);
    }
}
