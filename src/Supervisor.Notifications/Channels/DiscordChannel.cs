using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = discord</c>: a Discord webhook execute, JSON <c>content</c> (the title, what a phone's notification shows)
/// and one embed with the title, the message, a severity colour and the time. Discord answers 204.
/// </summary>
public sealed class DiscordChannel(DiscordChannelSettings settings, TimeProvider? time = null) : HttpChannel<DiscordChannelSettings>(settings, time)
{
    protected override HttpRequestMessage BuildRequest(Notification n, RenderedText text) =>
        PostJson(new Uri(Settings.Url.Reveal()), w =>
        {
            w.WriteString("content", text.Title);
            w.WriteStartArray("embeds");
            w.WriteStartObject();
            w.WriteString("title", text.Title);
            w.WriteString("description", text.Message);
            w.WriteNumber("color", SeverityScales.DiscordColour(n.Severity));
            w.WriteString("timestamp", n.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndArray();
        });
}
