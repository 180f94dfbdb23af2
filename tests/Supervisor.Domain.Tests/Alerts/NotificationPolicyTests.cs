using Supervisor.Domain.Alerts;
using Supervisor.Domain.Notifications;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

public class NotificationPolicyTests
{
    private static Notification Commbad(double at = 0) => BlipCoalescerTests.Power(PowerEventKind.CommBad, at);

    private static Notification NoComm(bool onBattery) =>
        NotificationFactory.Build(new PowerEventRaised("ups-a", PowerEventKind.NoComm, onBattery, 60, null, null, null, 45, null, T0));

    private static NotificationPolicySettings Settings(Suppression global, params (string Id, Suppression S)[] channels) =>
        new(global, channels.ToDictionary(c => c.Id, c => c.S));

    [Fact]
    public void Policy_should_mute_a_kind_when_the_global_mute_list_names_it()
    {
        var verdict = NotificationPolicy.Decide(Settings(new(["COMMBAD"], null)), Commbad(), "ops");
        Assert.False(verdict.Send);
        Assert.Equal("COMMBAD muted by supervisor.notifications.mute (\"COMMBAD\")", verdict.Reason);
    }

    [Fact]
    public void Policy_should_mute_only_on_that_channel_when_a_channel_mute_names_it()
    {
        var settings = Settings(Suppression.None, ("pager", new(["COMM*"], null)));
        Assert.False(NotificationPolicy.Decide(settings, Commbad(), "pager").Send);
        Assert.True(NotificationPolicy.Decide(settings, Commbad(), "mail").Send);
    }

    [Fact]
    public void Policy_should_hold_back_non_critical_notifications_when_inside_quiet_hours_across_midnight()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var settings = Settings(new([], new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0), berlin)));
        var night = Commbad() with { At = new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero) }; // 00:30 in Berlin
        var day = Commbad() with { At = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero) };
        Assert.False(NotificationPolicy.Decide(settings, night, "ops").Send);
        Assert.True(NotificationPolicy.Decide(settings, day, "ops").Send);
        var onbatt = BlipCoalescerTests.Power(PowerEventKind.OnBattery, 0) with { At = night.At };
        Assert.True(NotificationPolicy.Decide(settings, onbatt, "ops").Send);
    }

    [Fact]
    public void Policy_should_send_safety_critical_notifications_when_a_glob_would_mute_them()
    {
        var settings = Settings(new(["*"], null));
        Assert.True(NotificationPolicy.Decide(settings, BlipCoalescerTests.Power(PowerEventKind.OnBattery, 0), "ops").Send);
        Assert.False(NotificationPolicy.Decide(settings, Commbad(), "ops").Send);
    }

    [Fact]
    public void Policy_should_never_mute_nocomm_when_the_device_was_on_battery()
    {
        var settings = Settings(new(["NOCOMM"], null));
        Assert.True(NotificationPolicy.Decide(settings, NoComm(onBattery: true), "ops").Send);
        Assert.False(NotificationPolicy.Decide(settings, NoComm(onBattery: false), "ops").Send);
    }

    [Fact]
    public void Validate_should_name_the_key_and_the_reason_when_config_mutes_a_safety_critical_kind()
    {
        var settings = Settings(new(["COMMBAD", "ONBATT"], null), ("ops chat", new(["saga.*"], null)));
        var errors = NotificationPolicy.Validate(settings);
        Assert.Equal(2, errors.Count);
        Assert.Equal("supervisor.notifications.mute[1]", errors[0].Path);
        Assert.Contains("\"ONBATT\" would mute ONBATT, which can never be muted", errors[0].Message);
        Assert.Equal("supervisor.notifications.channels.\"ops chat\".mute[0]", errors[1].Path);
        Assert.Contains("saga.aborted, saga.completed, saga.started, saga.step-failed, saga.step-timed-out", errors[1].Message);
    }

    [Fact]
    public void Validate_should_accept_muting_nocomm_and_ordinary_kinds_when_none_is_safety_critical()
    {
        var settings = Settings(new(["NOCOMM", "COMMBAD", "node.*", "group.state-changed"], null));
        Assert.Empty(NotificationPolicy.Validate(settings));
    }
}
