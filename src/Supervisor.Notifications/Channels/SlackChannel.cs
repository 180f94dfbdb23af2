using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary><c>type = slack</c>: a Slack incoming webhook, JSON <c>text</c> with the title in bold (Slack's mrkdwn).</summary>
public sealed class SlackChannel(SlackChannelSettings settings, TimeProvider? time = null) : HttpChannel<SlackChannelSettings>(settings, time)
{
    protected override HttpRequestMessage BuildRequest(Notification n, RenderedText text) =>
        PostJson(new Uri(Settings.Url.Reveal()), w => w.WriteString("text", text.Joined("*{0}*")));
}
