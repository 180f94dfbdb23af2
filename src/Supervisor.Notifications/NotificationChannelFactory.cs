using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;
using Supervisor.Notifications.Channels;

namespace Supervisor.Notifications;

/// <summary>
/// The channel for a channel's settings. HTTP channels own an <see cref="HttpClient"/> and the e-mail channel a CA
/// certificate: dispose the channel (<c>(channel as IDisposable)?.Dispose()</c>) when done; a node's channels are a
/// <see cref="NotificationChannelSet"/>, which does that when the actor system terminates.
/// </summary>
public static class NotificationChannelFactory
{
    /// <param name="time">The clock for webhook timestamps and Retry-After dates; the system clock when null.</param>
    public static INotificationChannel Create(ChannelSettings settings, TimeProvider? time = null) => settings switch
    {
        WebhookChannelSettings s => new WebhookChannel(s, time),
        NtfyChannelSettings s => new NtfyChannel(s, time),
        GotifyChannelSettings s => new GotifyChannel(s, time),
        TelegramChannelSettings s => new TelegramChannel(s, time),
        DiscordChannelSettings s => new DiscordChannel(s, time),
        SlackChannelSettings s => new SlackChannel(s, time),
        AppriseChannelSettings s => new AppriseChannel(s, time),
        EmailChannelSettings s => new EmailChannel(s),
        CommandChannelSettings s => new CommandChannel(s),
        _ => throw new ArgumentException($"no channel for settings type {settings.GetType().Name} (a new channel type needs a case here)", nameof(settings)),
    };
}
