using System.Globalization;
using System.Text.Json;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = webhook</c>: POSTs the notification as JSON, with the Standard Webhooks headers: <c>webhook-id</c> (the
/// notification id, so a receiver drops a redelivery), <c>webhook-timestamp</c> (unix seconds of this attempt) and,
/// with a secret, <c>webhook-signature</c> over exactly the bytes sent.
/// </summary>
public sealed class WebhookChannel(WebhookChannelSettings settings, TimeProvider? time = null) : HttpChannel<WebhookChannelSettings>(settings, time)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly byte[]? _key = settings.SigningSecret is { } s ? WebhookSignature.Key(s.Reveal()) : null;

    protected override HttpRequestMessage BuildRequest(Notification n, RenderedText text)
    {
        var body = Body(n, text);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, Settings.Url.Reveal()) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in Settings.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value.Reveal())) request.Content.Headers.TryAddWithoutValidation(name, value.Reveal());
        request.Headers.TryAddWithoutValidation("webhook-id", n.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        if (_key is not null) request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(_key, n.Id, timestamp, body));
        return request;
    }

    /// <summary>The JSON body: every field of the notification, title and message after the channel's templates.</summary>
    internal static byte[] Body(Notification n, RenderedText text) => Json(w =>
    {
        w.WriteString("id", n.Id);
        w.WriteString("kind", n.Kind);
        w.WriteString("severity", SeverityScales.Name(n.Severity));
        w.WriteStartObject("subject");
        w.WriteString("kind", n.Subject.Kind.ToString().ToLowerInvariant());
        w.WriteString("id", n.Subject.Id);
        w.WriteEndObject();
        w.WriteString("title", text.Title);
        w.WriteString("message", text.Message);
        w.WriteString("at", n.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.WriteStartObject("fields");
        foreach (var (name, value) in n.Fields) w.WriteString(name, value);
        w.WriteEndObject();
    });
}
