using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = apprise</c>: apprise-api's <c>POST /notify/{key}</c> (a stored configuration) or stateless
/// <c>POST /notify</c> with <c>urls</c>; JSON <c>title</c>, <c>body</c> and <c>type</c> (info, warning, failure).
/// </summary>
public sealed class AppriseChannel(AppriseChannelSettings settings, TimeProvider? time = null) : HttpChannel<AppriseChannelSettings>(settings, time)
{
    protected override HttpRequestMessage BuildRequest(Notification n, RenderedText text) =>
        PostJson(Append(Settings.Server, Settings.Key is { } key ? $"notify/{Uri.EscapeDataString(key)}" : "notify"), w =>
        {
            if (Settings.Key is null && Settings.Urls is { } urls) w.WriteString("urls", urls.Reveal());
            w.WriteString("title", text.Title);
            w.WriteString("body", text.Message);
            w.WriteString("type", SeverityScales.Apprise(n.Severity));
        });
}
