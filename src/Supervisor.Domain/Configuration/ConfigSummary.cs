using System.Globalization;
using System.Text;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// The one-screen, plain-text summary that <c>supervisor validate</c> prints for a config that loaded cleanly.
/// Shows ids, drivers, targets, quorum and the shutdown plan; never a password.
/// </summary>
public static class ConfigSummary
{
    public static string Format(SupervisorSettings s)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"data-dir: {s.DataDir}");
        AppendDevices(sb, s.Devices);
        AppendGroups(sb, s.Groups);
        AppendAgent(sb, s.Agent);
        AppendTls(sb, s.Tls);
        AppendNotifications(sb, s.Notifications);
        AppendAlerts(sb, s.Alerts);
        // Both off (the usual case) share a line, so a typical summary still fits one screen.
        sb.AppendLine().AppendLine(!s.NutServer.Enabled && !s.Mqtt.Enabled
            ? $"{s.NutServer.SummaryLine()}; {s.Mqtt.SummaryLine()}"
            : s.NutServer.SummaryLine() + Environment.NewLine + s.Mqtt.SummaryLine());
        return sb.ToString();
    }

    /// <summary>A duration the way a config file would spell it: 500ms, 2s, 90s, 5m, 1h, 1.5s.</summary>
    public static string FormatDuration(TimeSpan t)
    {
        if (t < TimeSpan.Zero) return "-" + FormatDuration(t.Negate());
        if (t == TimeSpan.Zero) return "0s";
        var inv = CultureInfo.InvariantCulture;
        if (t.Ticks % TimeSpan.TicksPerSecond != 0)
            return t < TimeSpan.FromSeconds(1) && t.Ticks % TimeSpan.TicksPerMillisecond == 0
                ? $"{(long)t.TotalMilliseconds}ms"
                : t.TotalSeconds.ToString("0.#######", inv) + "s";
        var seconds = (long)t.TotalSeconds;
        if (seconds % 3600 == 0) return $"{seconds / 3600}h";
        if (seconds % 60 == 0 && seconds >= 60) return $"{seconds / 60}m";
        return $"{seconds}s";
    }

    private static void AppendDevices(StringBuilder sb, IReadOnlyList<DeviceSettings> devices)
    {
        sb.AppendLine().AppendLine($"Devices ({devices.Count})");
        if (devices.Count == 0) { sb.AppendLine("  (none)"); return; }
        var rows = devices.Select(d => new[]
        {
            d.Id, d.Driver, d.Options.SummaryTarget(),
            $"poll {FormatDuration(d.PollInterval)}", $"stale {FormatDuration(d.StaleAfter)}", $"timeout {FormatDuration(d.Timeout)}",
            d.StatusInterval is { } watch ? $"status {FormatDuration(watch)}" : "",
        }).ToList();
        AppendTable(sb, rows, "  ");
    }

    private static void AppendGroups(StringBuilder sb, IReadOnlyList<GroupSettings> groups)
    {
        sb.AppendLine().AppendLine($"Groups ({groups.Count})");
        if (groups.Count == 0) { sb.AppendLine("  (none)"); return; }
        foreach (var g in groups)
        {
            sb.AppendLine($"  {g.Id}: members {string.Join(", ", g.Members)}; min-healthy {g.MinHealthy} of {g.Members.Count}; " +
                          $"degraded counts as {Lower(g.DegradedCountsAs)}, unknown counts as {Lower(g.UnknownCountsAs)}");
            var phases = g.Shutdown.Phases.Select(p => $"{p.Name} ({p.Steps.Count} step{(p.Steps.Count == 1 ? "" : "s")})");
            sb.AppendLine($"    shutdown: {(g.Shutdown.Phases.Count == 0 ? "(no phases)" : string.Join(" -> ", phases))}");
            sb.AppendLine($"    on power restored: {Lower(g.Shutdown.OnPowerRestored)}; safety margin {FormatDuration(g.Shutdown.SafetyMargin)}; " +
                          $"startup grace {(g.StartupGrace is { } grace ? FormatDuration(grace) : "auto")}; re-arm after {FormatDuration(g.RearmAfter)}");
        }
    }

    private static void AppendAgent(StringBuilder sb, AgentSettings? agent)
    {
        sb.AppendLine();
        if (agent is null) { sb.AppendLine("Agent: none on this node"); return; }
        sb.AppendLine($"Agent: host {agent.Host}; dry-run {(agent.DryRun ? "on (commands are logged, not run)" : "OFF (commands run)")}; log {agent.ActionLog}");
        if (agent.Actions.Count == 0) { sb.AppendLine("  (no actions allowed)"); return; }
        var rows = agent.Actions.Select(a => new[] { a.Name, a.Spec.Describe(), $"timeout {FormatDuration(a.Timeout)}" }).ToList();
        AppendTable(sb, rows, "  ");
    }

    /// <summary>Where the certificate and CA come from and when the certificate expires; the password only as "set".</summary>
    private static void AppendTls(StringBuilder sb, TlsSettings tls)
    {
        if (!tls.Enabled) { sb.AppendLine("TLS: off (cluster links are plaintext akka.tcp)"); return; }
        var expires = tls.CertificateExpires is { } e ? $", expires {e:yyyy-MM-dd}" : "";
        sb.AppendLine($"TLS: on ({(tls.RequireMutualAuthentication ? "mutual" : "server only")}); certificate {tls.Certificate} " +
                      $"({tls.CertificateSubject ?? "?"}{expires}{(tls.CertificatePassword is null ? "" : ", password set")}); CA {tls.CaCertificate}");
    }

    private static void AppendNotifications(StringBuilder sb, NotificationSettings notifications)
    {
        sb.AppendLine().AppendLine($"Notification channels ({notifications.Channels.Count})");
        if (notifications.Channels.Count == 0) { sb.AppendLine("  (none)"); return; }
        AppendTable(sb, notifications.SummaryRows().ToList(), "  ");
    }

    private static void AppendAlerts(StringBuilder sb, AlertSettings alerts)
    {
        sb.AppendLine().AppendLine($"Alert rules ({alerts.Rules.Count})");
        if (alerts.Rules.Count == 0) { sb.AppendLine("  (none)"); return; }
        foreach (var line in alerts.SummaryLines()) sb.AppendLine("  " + line);
    }

    private static void AppendTable(StringBuilder sb, List<string[]> rows, string indent)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            sb.AppendLine(indent + string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>SlowDrain -> slow-drain: an enum value the way a config file spells it.</summary>
    internal static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
