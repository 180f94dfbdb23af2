using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;

namespace Supervisor.Configuration.Tests;

/// <summary>supervisor.alerts: rules read at their keys with reference.conf's defaults, and every mistake named with its fix.</summary>
public sealed class AlertConfigTests
{
    private const string Base = LoaderTestSupport.Base + "\n" +
                                "supervisor.notifications.channels { hook { type = webhook, url = \"http://127.0.0.1:8099/hook\" }\n  phone { type = ntfy, topic = power } }\n";

    private static string Rule(string body) => Base + $"supervisor.alerts.rules.load-high {{ {body} }}\n";

    private const string Minimal = "subject = \"ups-*\", metric = load, op = \">\", threshold = 80";

    [Fact]
    public void Rule_should_take_reference_conf_defaults_when_only_the_required_keys_are_given()
    {
        var alerts = LoaderTestSupport.LoadValid(Rule(Minimal)).Alerts;
        var r = Assert.Single(alerts.Rules);
        Assert.Equal(new AlertRule("load-high", "ups-*", "load", ComparisonOp.Greater, 80, TimeSpan.FromSeconds(30), 0, TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(5), null, null, EventSeverity.Warning, r.Channels), r);
        Assert.Empty(r.Channels);
        Assert.Equal(AlertSettings.None.Tick, alerts.Tick);
    }

    [Fact]
    public void Rule_should_read_every_key_at_its_place()
    {
        var s = LoaderTestSupport.LoadValid(Rule(Minimal.Replace("80", "20").Replace("\">\"", "\"<=\"").Replace("load", "charge") +
            ", for = 1m, clear-margin = 5, cooldown = 10m, no-data-after = off, repeat-every = 30m, schedule = \"* 8-17 * * MON-FRI\"" +
            ", time-zone = \"Europe/Berlin\", severity = critical, channels = [phone]") + "supervisor.alerts.tick = 2s");
        var r = Assert.Single(s.Alerts.Rules);
        Assert.Equal(("charge", ComparisonOp.LessOrEqual, 20.0), (r.Metric, r.Op, r.Threshold));
        Assert.Equal((TimeSpan.FromMinutes(1), 5.0, TimeSpan.FromMinutes(10)), (r.For, r.ClearMargin, r.Cooldown));
        Assert.Equal(TimeSpan.MaxValue, r.NoDataAfter);
        Assert.Equal(TimeSpan.FromMinutes(30), r.RepeatEvery);
        Assert.Equal("Europe/Berlin", r.Schedule!.Zone.Id);
        Assert.Equal(EventSeverity.Critical, r.Severity);
        Assert.Equal(["phone"], r.Channels);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Alerts.Tick);
    }

    [Fact]
    public void Unknown_metric_should_be_an_error_at_the_key_listing_the_known_metrics()
    {
        var e = LoaderTestSupport.AssertRejected(Rule(Minimal.Replace("metric = load", "metric = lode")), "supervisor.alerts.rules.load-high.metric", "unknown metric \"lode\"; use one of charge, runtime, load, input-voltage");
        Assert.Contains("quorum-state", e.Message);
    }

    [Fact]
    public void Bad_cron_should_be_an_error_at_the_schedule_key_with_an_example()
    {
        var e = LoaderTestSupport.AssertRejected(Rule(Minimal + ", schedule = \"weekdays\""), "supervisor.alerts.rules.load-high.schedule", "\"weekdays\" is not a cron expression");
        Assert.Contains("\"* 8-17 * * MON-FRI\"", e.Message);
    }

    [Fact]
    public void Unknown_channel_should_be_an_error_listing_the_configured_channels()
    {
        var e = LoaderTestSupport.AssertRejected(Rule(Minimal + ", channels = [pager]"), "supervisor.alerts.rules.load-high.channels");
        Assert.Equal("unknown channel \"pager\"; configured: hook, phone", e.Message);
    }

    [Theory]
    [InlineData("subject = \"ups-*\", metric = load, threshold = 80", "op", "missing; write e.g. op = \">\"")]
    [InlineData("subject = \"ups-*\", metric = load, op = \"=>\", threshold = 80", "op", "unknown value \"=>\"; use one of <, <=, >, >=")]
    [InlineData("metric = load, op = \">\", threshold = 80", "subject", "missing; write e.g. subject = \"ups-*\"")]
    [InlineData("subject = \"ups-*\", metric = load, op = \">\"", "threshold", "missing; write e.g. threshold = 80")]
    [InlineData(Minimal + ", severity = loud", "severity", "unknown value \"loud\"; use one of info, warning, critical")]
    [InlineData(Minimal + ", clear-margin = -1", "clear-margin", "must not be negative")]
    [InlineData(Minimal + ", time-zone = \"Mars/Olympus\"", "time-zone", "is not a time zone this host knows")]
    public void Rule_mistake_should_be_named_at_its_key_with_the_fix(string body, string key, string message)
    {
        LoaderTestSupport.AssertRejected(Rule(body), $"supervisor.alerts.rules.load-high.{key}", message);
    }

    [Fact]
    public void Subject_glob_matching_nothing_should_be_a_warning_naming_the_configured_subjects()
    {
        var result = LoaderTestSupport.Load(Rule(Minimal.Replace("ups-*", "pdu-*")));
        Assert.Empty(result.Errors);
        var w = Assert.Single(result.Warnings, w => w.Path.StartsWith("supervisor.alerts", StringComparison.Ordinal));
        Assert.Equal("supervisor.alerts.rules.load-high.subject", w.Path);
        Assert.Contains("\"pdu-*\" matches no device or group, so this rule never fires; configured: ups-a, rack-a", w.Message);
        Assert.DoesNotContain(LoaderTestSupport.Load(Rule(Minimal)).Warnings, x => x.Path.StartsWith("supervisor.alerts", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_summary_should_show_one_line_per_rule()
    {
        var text = ConfigSummary.Format(LoaderTestSupport.LoadValid(Rule(Minimal + ", channels = [hook], clear-margin = 5")));
        Assert.Contains("Alert rules (1)", text);
        Assert.Contains("load-high: ups-* load > 80 for 30s; clear-margin 5, cooldown 5m, warning -> hook", text);
        Assert.Contains("Alert rules (0)\n  (none)", ConfigSummary.Format(LoaderTestSupport.LoadValid(Base)).ReplaceLineEndings("\n"));
    }
}
