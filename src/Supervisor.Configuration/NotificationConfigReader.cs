using Akka.Configuration.Hocon;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.notifications.channels.&lt;id&gt; { type = …, … }</c>. Each channel is layered over
/// <c>supervisor.defaults.notifications.&lt;type&gt;</c> and then <c>…notifications.channel</c> (reference.conf holds every
/// default). Secrets go through <see cref="SecretResolver"/>; no message names a secret's value. Template syntax is
/// checked by <see cref="NotificationSettings.Validate"/>; this reports what cannot be read at all.
/// </summary>
internal static partial class NotificationConfigReader
{
    public const string Path = ConfigPath.Root + ".notifications";
    private const string DefaultsPath = DefaultLayers.Path + ".notifications";

    /// <summary>Keys every channel may have, whatever its type.</summary>
    private static readonly string[] CommonKeys = ["type", "timeout", "title", "message"];

    private delegate ChannelSettings? TypeReader(HoconSection s, Common common, string? baseDirectory);

    /// <summary>The readers by type, with the keys each type knows besides <see cref="CommonKeys"/>.</summary>
    private static readonly IReadOnlyDictionary<string, (TypeReader Read, string[] Keys)> Types = new Dictionary<string, (TypeReader, string[])>
    {
        ["webhook"] = (ReadWebhook, ["url", .. SecretKeys("secret"), "headers"]),
        ["ntfy"] = (ReadNtfy, ["server", "topic", .. SecretKeys("token"), "tags"]),
        ["gotify"] = (ReadGotify, ["server", .. SecretKeys("token"), "token-in-query"]),
        ["telegram"] = (ReadTelegram, ["api", .. SecretKeys("token"), "chat-id"]),
        ["discord"] = (ReadDiscord, SecretKeys("url")),
        ["slack"] = (ReadSlack, SecretKeys("url")),
        ["apprise"] = (ReadApprise, ["server", "key", .. SecretKeys("urls")]),
        ["email"] = (ReadEmail, ["host", "port", "security", "tls-ca", "from", "to", "username", .. SecretKeys("password")]),
        ["command"] = (ReadCommand, ["command"]),
    };

    /// <summary>The channel types, for messages and docs.</summary>
    public static IEnumerable<string> KnownTypes => Types.Keys;

    /// <summary>What every type shares, read before the type's own keys.</summary>
    private sealed record Common(string Id, TimeSpan Timeout, MessageTemplates Templates);

    public static NotificationSettings Read(HoconSection root, string? baseDirectory)
    {
        var n = root.DefaultedChild("notifications");
        n.WarnUnknownKeys(DeliveryKeys);
        var channels = n.Find("channels", out var path);
        var result = new List<ChannelSettings>();
        var suppression = new Dictionary<string, Suppression>(StringComparer.Ordinal);
        if (channels is not null && !channels.IsObject())
            root.Diag.Error(path, $"must be a map of id -> channel, not {HoconSection.Describe(channels)}; write e.g. channels {{ phone {{ type = ntfy, topic = power }} }}");
        else if (channels is not null)
        {
            var defaults = DefaultsObject(root);
            foreach (var (id, value) in channels.GetObject().Items)
                if (ReadChannel(id, value, defaults, root.Diag, baseDirectory, suppression) is { } channel) result.Add(channel);
        }
        return WithDelivery(new NotificationSettings(result), n, suppression);
    }

    private static ChannelSettings? ReadChannel(string id, HoconValue value, HoconObject? defaults, ConfigDiagnostics diag, string? baseDirectory,
        Dictionary<string, Suppression> suppression)
    {
        var path = $"{Path}.channels.{ConfigPath.Key(id)}";
        if (!value.IsObject())
        {
            diag.Error(path, $"must be an object, not {HoconSection.Describe(value)}; write e.g. {ConfigPath.Key(id)} {{ type = ntfy, topic = power }}");
            return null;
        }
        var own = new HoconSection(path, value.GetObject(), diag);
        var type = own.OptionalString("type")?.ToLowerInvariant();
        if (type is null || !Types.TryGetValue(type, out var reader))
        {
            var known = string.Join(" | ", Types.Keys);
            diag.Error($"{path}.type", type is null ? $"missing; say which kind of channel this is: type = {known}"
                                                    : $"unknown channel type \"{type}\"; use one of {known}");
            return null;
        }
        var s = new HoconSection(path, value.GetObject(), diag, Layer(defaults, type), Layer(defaults, "channel"));
        var common = new Common(id, Positive(s, "timeout", "10s"), new MessageTemplates(s.OptionalString("title"), s.OptionalString("message")));
        // Also here, not only in the validator: a channel that fails to read for another reason still gets its template checked.
        foreach (var (key, problem) in common.Templates.Problems()) diag.Error(s.KeyPath(key), problem);
        s.WarnUnknownKeys([.. CommonKeys, .. SuppressionKeys, .. reader.Keys]);
        if (ChannelSuppression(own) is { } quiet) suppression[id] = quiet;
        return reader.Read(s, common, baseDirectory);
    }

    private static HoconObject? DefaultsObject(HoconSection root)
    {
        var defaults = root.Find("defaults", out _);
        if (defaults is null || !defaults.IsObject()) return null;
        return defaults.GetObject().Items.TryGetValue("notifications", out var n) && n.IsObject() ? n.GetObject() : null;
    }

    private static (HoconObject? Obj, string Path) Layer(HoconObject? defaults, string name) =>
        (defaults is not null && defaults.Items.TryGetValue(name, out var v) && v.IsObject() ? v.GetObject() : null, $"{DefaultsPath}.{name}");

    /// <summary>A secret key and its two older spellings (<c>-file</c>, <c>-env</c>), which <see cref="SecretResolver"/> also reads.</summary>
    private static string[] SecretKeys(string key) => [key, $"{key}-file", $"{key}-env"];

    /// <summary>A required string; reported at its key with <paramref name="example"/> when missing.</summary>
    internal static string? Required(HoconSection s, string key, string example)
    {
        var value = s.OptionalString(key);
        if (value is null && !s.Has(key)) s.Diag.Error(s.KeyPath(key), $"missing; write e.g. {key} = {example}");
        else if (value is null) s.Diag.Error(s.KeyPath(key), $"is empty; write e.g. {key} = {example}");
        return value;
    }

    /// <summary>A required secret (<see cref="SecretResolver"/> reports a reference that does not resolve).</summary>
    internal static Secret? RequiredSecret(HoconSection s, string key, string what, string example, string? baseDirectory)
    {
        var secret = SecretResolver.Resolve(s, baseDirectory, key, what);
        if (secret is null && !SecretKeys(key).Any(s.Has))
            s.Diag.Error(s.KeyPath(key), $"missing; write e.g. {key} = \"{example}\" (or \"env:NAME\", \"file:/path\", \"credential:NAME\")");
        return secret;
    }

    /// <summary>An absolute http(s) URL. <paramref name="secret"/>: the value holds a token, so the message never quotes it.</summary>
    internal static Uri? Url(HoconSection s, string key, string text, string example, bool secret = false)
    {
        var shown = secret ? "the value" : $"\"{Domain.Text.ForeignText.Escape(text)}\"";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
        {
            if (secret || uri.UserInfo.Length == 0) return uri;
            // Shown by validate and in logs; a password belongs in a secret key (token, urls), never in a plain URL.
            s.Diag.Error(s.KeyPath(key), "holds a user name or password; remove it from the URL and give the credential in the channel's token or password key");
            return null;
        }
        s.Diag.Error(s.KeyPath(key), $"{shown} is not an http:// or https:// URL; write e.g. {key} = \"{example}\"");
        return null;
    }

    /// <summary>A required, non-secret URL.</summary>
    internal static Uri? RequiredUrl(HoconSection s, string key, string example) =>
        Required(s, key, $"\"{example}\"") is { } text ? Url(s, key, text, example) : null;

    /// <summary>A URL with a default in reference.conf (<c>ntfy.server</c>, <c>telegram.api</c>).</summary>
    private static Uri? DefaultedUrl(HoconSection s, string key, string example) => Url(s, key, s.String(key), example);
}
