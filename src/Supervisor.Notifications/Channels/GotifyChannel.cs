using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = gotify</c>: <c>POST {server}/message</c> with JSON <c>title</c>, <c>message</c>, <c>priority</c> and the
/// application token in <c>X-Gotify-Key</c> (or <c>?token=</c> with <c>token-in-query = on</c>).
/// </summary>
public sealed class GotifyChannel(GotifyChannelSettings settings, TimeProvider? time = null) : HttpChannel<GotifyChannelSettings>(settings, time)
{
    protected override HttpRequestMessage BuildRequest(Notification n, RenderedText text)
    {
        var url = Append(Settings.Server, "message");
        if (Settings.TokenInQuery) url = new Uri($"{url.GetLeftPart(UriPartial.Path)}?token={Uri.EscapeDataString(Settings.Token.Reveal())}");
        var request = PostJson(url, w =>
        {
            w.WriteString("title", text.Title);
            w.WriteString("message", text.Message);
            w.WriteNumber("priority", SeverityScales.Gotify(n.Severity));
        });
        if (!Settings.TokenInQuery) request.Headers.TryAddWithoutValidation("X-Gotify-Key", Settings.Token.Reveal());
        return request;
    }
}
