using Supervisor.Domain.Alerts;

namespace Supervisor.Configuration.Tests;

/// <summary>supervisor.notifications' own keys: coalesce, retry, power-events, mute and quiet-hours (globally and per channel).</summary>
public sealed class NotificationDeliveryConfigTests
{
    private const string Base = LoaderTestSupport.Base + "\n" +
                                "supervisor.notifications.channels.hook { type = webhook, url = \"http://127.0.0.1:8099/hook\" }\n";

    [Fact]
    public void Defaults_should_come_from_reference_conf_and_equal_the_settings_built_in_code()
    {
        var read = LoaderTestSupport.LoadValid(Base).Notifications;
        var code = NotificationSettings.None;
        Assert.Equal(code.Coalesce, read.Coalesce);
        Assert.Equal(code.Retry, read.Retry);
        Assert.Equal(code.PowerEvents, read.PowerEvents);
        Assert.Empty(read.Policy.Global.Mute);
        Assert.Null(read.Policy.Global.Quiet);
        Assert.Empty(read.Policy.Channels);
    }

    [Fact]
    public void Every_key_should_be_read_at_its_place()
    {
        var n = LoaderTestSupport.LoadValid(Base + """
            supervisor.notifications {
              coalesce = 5s
              retry { first = 2s, max = 1m, give-up-after = 2h }
              power-events { no-comm-after = 45s, voltage { low-percent = 8, nominal = 120 } }
              mute = ["node.*"]
              quiet-hours { from = "22:00", to = "7:00", time-zone = "Europe/Berlin" }
              channels.hook.mute = [COMMBAD]
            }
            """).Notifications;
        Assert.Equal(TimeSpan.FromSeconds(5), n.Coalesce);
        Assert.Equal(new Domain.Notifications.Outbox.OutboxRetryPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromHours(2)), n.Retry);
        Assert.Equal(new PowerEventSettings(TimeSpan.FromSeconds(45), new VoltageSettings(8, 10, 2, 120)), n.PowerEvents);
        Assert.Equal(["node.*"], n.Policy.Global.Mute);
        Assert.Equal((new TimeOnly(22, 0), new TimeOnly(7, 0), "Europe/Berlin"), (n.Policy.Global.Quiet!.From, n.Policy.Global.Quiet.To, n.Policy.Global.Quiet.Zone.Id));
        Assert.Equal(["COMMBAD"], n.Policy.Channels["hook"].Mute);
    }

    [Theory]
    [InlineData("supervisor.notifications.mute = [ONBATT]", "supervisor.notifications.mute[0]", "ONBATT")]
    [InlineData("supervisor.notifications.channels.hook.mute = [COMMBAD, \"saga.*\"]", "supervisor.notifications.channels.hook.mute[1]", "saga.completed")]
    public void Muting_a_safety_critical_kind_should_be_refused_at_the_entry_with_the_reason(string line, string path, string kind)
    {
        var error = LoaderTestSupport.AssertRejected(Base + line, path, kind);
        Assert.Contains("can never be muted", error.Message);
    }

    [Theory]
    [InlineData("supervisor.notifications.quiet-hours { from = \"22:00\", to = \"7:00\", time-zone = \"Mars/Olympus\" }",
        "supervisor.notifications.quiet-hours.time-zone", "not a time zone")]
    [InlineData("supervisor.notifications.quiet-hours { from = \"10pm\", to = \"7:00\" }", "supervisor.notifications.quiet-hours.from", "not a time of day")]
    [InlineData("supervisor.notifications.quiet-hours = 22", "supervisor.notifications.quiet-hours", "must be a block")]
    [InlineData("supervisor.notifications.retry.first = 0s", "supervisor.notifications.retry.first", "longer than 0s")]
    [InlineData("supervisor.notifications.channels.hook.timeout = 0s", "supervisor.notifications.channels.hook.timeout", "longer than 0s; write e.g. timeout = 10s")]
    [InlineData("supervisor.notifications.retry { first = 2m, max = 1m }", "supervisor.notifications.retry.max", "at least retry.first")]
    [InlineData("supervisor.notifications.coalesce = 10m", "supervisor.notifications.coalesce", "between 0s (off) and 2m")]
    [InlineData("supervisor.notifications.power-events.voltage.low-percent = 150", "supervisor.notifications.power-events.voltage.low-percent", "between 0 and 100")]
    public void A_bad_value_should_be_reported_at_its_path_with_the_fix(string line, string path, string text)
    {
        LoaderTestSupport.AssertRejected(Base + line, path, text);
    }
}
