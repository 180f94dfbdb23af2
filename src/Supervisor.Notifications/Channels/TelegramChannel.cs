using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// <c>type = telegram</c>: Bot API <c>POST {api}/bot{token}/sendMessage</c> with JSON <c>chat_id</c> and <c>text</c>
/// (title and message, plain text: no parse mode, so a message never fails on an unescaped Markdown character).
/// </summary>
public sealed class TelegramChannel(TelegramChannelSettings settings, TimeProvider? time = null) : HttpChannel<TelegramChannelSettings>(settings, time)
{
    protected override HttpRequestMessage BuildRequest(Notification n, RenderedText text) =>
        PostJson(Append(Settings.Api, $"bot{Settings.Token.Reveal()}/sendMessage"), w =>
        {
            w.WriteString("chat_id", Settings.ChatId);
            w.WriteString("text", text.Joined());
        });
}
