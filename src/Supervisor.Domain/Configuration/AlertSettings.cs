using Supervisor.Domain.Alerts;
using Supervisor.Domain.History;

namespace Supervisor.Domain.Configuration;

/// <summary><c>supervisor.alerts</c>: the alert rules, and how often their clock ticks (<c>for</c>, NO-DATA, reminders).</summary>
public sealed record AlertSettings(IReadOnlyList<AlertRule> Rules, TimeSpan Tick)
{
    /// <summary>No rules (the default): nothing is evaluated.</summary>
    public static readonly AlertSettings None = new([], TimeSpan.FromSeconds(5));

    /// <summary>Every metric a rule may name: what the history stores for devices and groups.</summary>
    public static IReadOnlyList<string> KnownMetrics { get; } =
        HistoryMetrics.DeviceMetrics.Concat(HistoryMetrics.GroupMetrics).Select(m => m.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A rule whose subject glob matches no configured device or group: it can never fire (a warning, not an error).</summary>
    public IEnumerable<ConfigError> Warnings(IEnumerable<string> subjectIds)
    {
        var ids = subjectIds.ToList();
        foreach (var rule in Rules.Where(r => !ids.Any(r.Covers)))
            yield return new ConfigError($"{ConfigPath.Root}.alerts.rules.{ConfigPath.Key(rule.Id)}.subject",
                $"\"{rule.Subject}\" matches no device or group, so this rule never fires; configured: {(ids.Count == 0 ? "(none)" : string.Join(", ", ids))}");
    }

    /// <summary>One line per rule for <c>supervisor validate</c>.</summary>
    public IEnumerable<string> SummaryLines() => Rules.Select(r =>
        $"{r.Id}: {r.Subject} {r.Metric} {r.OpText} {AlertText.Number(r.Threshold)} for {ConfigSummary.FormatDuration(r.For)}; " +
        $"clear-margin {AlertText.Number(r.ClearMargin)}, cooldown {ConfigSummary.FormatDuration(r.Cooldown)}, " +
        $"{r.Severity.ToString().ToLowerInvariant()}" +
        (r.Schedule is { } s ? $", schedule \"{s.Cron}\" {s.Zone.Id}" : "") +
        $" -> {(r.Channels.Count == 0 ? "all channels" : string.Join(", ", r.Channels))}");
}
