using Akka.Configuration.Hocon;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.alerts { tick, rules.&lt;id&gt; { subject, metric, op, threshold, for, clear-margin, cooldown,
/// no-data-after, repeat-every, schedule, time-zone, severity, channels } }</c>. Each rule is layered over
/// <c>supervisor.defaults.alert-rule</c> (reference.conf holds every default). Every problem is reported at its key
/// with the fix: an unknown metric lists the known ones, an unknown channel the configured ones.
/// </summary>
internal static class AlertConfigReader
{
    public const string Path = ConfigPath.Root + ".alerts";

    private static readonly string[] Keys = ["tick", "rules"];

    private static readonly string[] RuleKeys =
        ["subject", "metric", "op", "threshold", "for", "clear-margin", "cooldown", "no-data-after", "repeat-every", "schedule", "time-zone", "severity", "channels"];

    private static readonly IReadOnlyDictionary<string, ComparisonOp> Ops = new Dictionary<string, ComparisonOp>
    {
        ["<"] = ComparisonOp.Less, ["<="] = ComparisonOp.LessOrEqual, [">"] = ComparisonOp.Greater, [">="] = ComparisonOp.GreaterOrEqual,
    };

    private static readonly IReadOnlyDictionary<string, EventSeverity> Severities = new Dictionary<string, EventSeverity>
    {
        ["info"] = EventSeverity.Info, ["warning"] = EventSeverity.Warning, ["critical"] = EventSeverity.Critical,
    };

    /// <param name="channelIds">The configured notification channels: a rule may name only these.</param>
    public static AlertSettings Read(HoconSection root, DefaultLayers defaults, IReadOnlyCollection<string> channelIds)
    {
        var a = root.DefaultedChild("alerts");
        a.WarnUnknownKeys(Keys);
        var tick = a.Duration("tick");
        if (tick <= TimeSpan.Zero)
        {
            a.Diag.Error(a.KeyPath("tick"), "must be longer than 0s: the clock that promotes pending alerts and finds NO-DATA; write e.g. tick = 5s");
            tick = TimeSpan.FromSeconds(5);
        }
        var rules = new List<AlertRule>();
        var map = a.Find("rules", out var path);
        if (map is not null && !map.IsObject())
            a.Diag.Error(path, $"must be a map of id -> rule, not {HoconSection.Describe(map)}; write e.g. rules {{ load-high {{ subject = \"ups-*\", metric = load, op = \">\", threshold = 80 }} }}");
        else if (map is not null)
            foreach (var (id, value) in map.GetObject().Items)
                if (ReadRule(id, value, defaults, a.Diag, channelIds) is { } rule) rules.Add(rule);
        return new AlertSettings(rules, tick);
    }

    private static AlertRule? ReadRule(string id, HoconValue value, DefaultLayers defaults, ConfigDiagnostics diag, IReadOnlyCollection<string> channelIds)
    {
        var path = $"{Path}.rules.{ConfigPath.Key(id)}";
        if (!value.IsObject())
        {
            diag.Error(path, $"must be an object, not {HoconSection.Describe(value)}; write e.g. {ConfigPath.Key(id)} {{ subject = \"ups-*\", metric = load, op = \">\", threshold = 80 }}");
            return null;
        }
        var s = new HoconSection(path, value.GetObject(), diag, defaults.AlertRule);
        s.WarnUnknownKeys(RuleKeys);
        var subject = Required(s, "subject", "\"ups-*\"");
        var metric = Metric(s);
        var op = s.Has("op") ? s.OptionalEnum("op", Ops) : Missing<ComparisonOp>(s, "op", "\">\"");
        var threshold = s.Has("threshold") ? s.OptionalNumber("threshold") : Missing<double>(s, "threshold", "80");
        var forDuration = NotNegative(s, "for");
        var margin = s.Number("clear-margin");
        if (margin < 0) diag.Error(s.KeyPath("clear-margin"), "must not be negative: it is how far back past the threshold the value must go; write e.g. clear-margin = 5");
        var cooldown = NotNegative(s, "cooldown");
        var noData = s.DurationOrOff("no-data-after") ?? TimeSpan.MaxValue;
        var repeat = s.DurationOrOff("repeat-every");
        var schedule = Schedule(s);
        var severity = s.Enum("severity", Severities);
        var channels = Channels(s, channelIds);
        if (subject is null || metric is null || op is not { } o || threshold is not { } t || channels is null) return null;
        return new AlertRule(id, subject, metric, o, t, forDuration, Math.Max(0, margin), cooldown, noData, repeat, schedule, severity, channels);
    }

    private static string? Required(HoconSection s, string key, string example)
    {
        var value = s.OptionalString(key);
        if (value is null) s.Diag.Error(s.KeyPath(key), $"{(s.Has(key) ? "is empty" : "missing")}; write e.g. {key} = {example}");
        return value;
    }

    private static T? Missing<T>(HoconSection s, string key, string example) where T : struct
    {
        s.Diag.Error(s.KeyPath(key), $"missing; write e.g. {key} = {example}");
        return null;
    }

    private static string? Metric(HoconSection s)
    {
        var metric = Required(s, "metric", "load");
        if (metric is null || AlertSettings.KnownMetrics.Contains(metric)) return metric;
        s.Diag.Error(s.KeyPath("metric"), $"unknown metric \"{Domain.Text.ForeignText.Escape(metric)}\"; use one of {string.Join(", ", AlertSettings.KnownMetrics)}");
        return null;
    }

    private static TimeSpan NotNegative(HoconSection s, string key)
    {
        var d = s.Duration(key);
        if (d >= TimeSpan.Zero) return d;
        s.Diag.Error(s.KeyPath(key), $"must not be negative; write e.g. {key} = 30s");
        return TimeSpan.Zero;
    }

    private static AlertSchedule? Schedule(HoconSection s)
    {
        var zone = ConfigTimeZone.Find(s, "time-zone", s.String("time-zone"));
        if (s.OptionalString("schedule") is not { } cron || zone is null) return null;
        var (schedule, error) = AlertSchedule.Parse(cron, zone);
        if (error is not null) s.Diag.Error(s.KeyPath("schedule"), error);
        return schedule;
    }

    private static IReadOnlyList<string>? Channels(HoconSection s, IReadOnlyCollection<string> channelIds)
    {
        var channels = s.StringList("channels", "[phone, mail]") ?? [];
        var unknown = channels.Where(c => !channelIds.Contains(c)).ToList();
        if (unknown.Count == 0) return channels;
        s.Diag.Error(s.KeyPath("channels"), $"unknown channel{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(c => $"\"{Domain.Text.ForeignText.Escape(c)}\""))}; " +
            (channelIds.Count == 0 ? "no channel is configured (supervisor.notifications.channels)" : $"configured: {string.Join(", ", channelIds)}"));
        return null;
    }
}
