namespace Supervisor.Notifications.Tests;

public sealed class NotificationChannelFactoryTests
{
    private static readonly TimeSpan T = TimeSpan.FromSeconds(5);
    private static readonly MessageTemplates None = MessageTemplates.None;
    private static readonly Uri Server = new("http://127.0.0.1:1");

    public static TheoryData<ChannelSettings, Type> Cases => new()
    {
        { new WebhookChannelSettings("a", T, None, "http://127.0.0.1:1/h", null, new Dictionary<string, Secret>()), typeof(WebhookChannel) },
        { new NtfyChannelSettings("b", T, None, Server, "t", null, []), typeof(NtfyChannel) },
        { new GotifyChannelSettings("c", T, None, Server, "k", false), typeof(GotifyChannel) },
        { new TelegramChannelSettings("d", T, None, Server, "1:x", "1"), typeof(TelegramChannel) },
        { new DiscordChannelSettings("e", T, None, "http://127.0.0.1:1/d"), typeof(DiscordChannel) },
        { new SlackChannelSettings("f", T, None, "http://127.0.0.1:1/s"), typeof(SlackChannel) },
        { new AppriseChannelSettings("g", T, None, Server, "k", null), typeof(AppriseChannel) },
        { new EmailChannelSettings("h", T, None, "127.0.0.1", 25, SmtpSecurity.None, null, "a@b.c", ["d@e.f"], null, null), typeof(EmailChannel) },
        { new CommandChannelSettings("i", T, None, ["/bin/true"]), typeof(CommandChannel) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Creates_the_channel_of_each_settings_type_under_its_id(ChannelSettings settings, Type expected)
    {
        var channel = NotificationChannelFactory.Create(settings);
        Assert.IsType(expected, channel);
        Assert.Equal(settings.Id, channel.Id);
        (channel as IDisposable)?.Dispose();
    }
}
