namespace Supervisor.Domain.Tests.Notifications;

public sealed class NotificationSettingsTests
{
    [Fact]
    public void The_validator_reports_a_bad_template_of_settings_built_in_code_at_its_key()
    {
        var settings = new SupervisorSettings("data", [], [], null)
        {
            Notifications = new([new CommandChannelSettings("cmd", TimeSpan.FromSeconds(5), new("{kind}", "{charge} %"), ["/bin/true"])]),
        };

        var error = Assert.Single(SettingsValidator.Validate(settings));

        Assert.Equal("supervisor.notifications.channels.cmd.message", error.Path);
        Assert.Contains("unknown placeholder {charge}", error.Message);
    }

    [Fact]
    public void A_channel_prints_its_secrets_as_stars()
    {
        var channel = new TelegramChannelSettings("tg", TimeSpan.FromSeconds(5), MessageTemplates.None, new Uri("https://api.telegram.org"), "1:SECRET", "42");
        Assert.DoesNotContain("SECRET", channel.ToString());
        Assert.DoesNotContain("SECRET", string.Join(" ", new NotificationSettings([channel]).SummaryRows().SelectMany(r => r)));
    }
}
