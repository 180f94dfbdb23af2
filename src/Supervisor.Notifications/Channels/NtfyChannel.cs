using System.Net.Http.Headers;
using System.Text;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = ntfy</c>: publishes the message as the body of <c>POST {server}/{topic}</c> with <c>Title</c>,
/// <c>Priority</c> (from the severity) and <c>Tags</c> headers, and the token as a bearer token when set.
/// </summary>
public sealed class NtfyChannel(NtfyChannelSettings settings, TimeProvider? time = null) : HttpChannel<NtfyChannelSettings>(settings, time)
{
    protected override HttpRequestMessage BuildRequest(Notification n, RenderedText text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Append(Settings.Server, Uri.EscapeDataString(Settings.Topic)))
        {
            Content = new StringContent(text.Message, Encoding.UTF8, "text/plain"),
        };
        if (text.Title.Length > 0) request.Headers.TryAddWithoutValidation("Title", HeaderText(text.Title));
        request.Headers.TryAddWithoutValidation("Priority", SeverityScales.Ntfy(n.Severity).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Settings.Tags.Count > 0) request.Headers.TryAddWithoutValidation("Tags", HeaderText(string.Join(",", Settings.Tags)));
        if (Settings.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        return request;
    }
}
