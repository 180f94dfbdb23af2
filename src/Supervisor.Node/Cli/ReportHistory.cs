using System.Globalization;
using Supervisor.Domain.Reports;
using Supervisor.History.Hosting;
using Supervisor.History.Query;

namespace Supervisor.Node.Cli;

/// <summary>
/// The last 24 h per device for <c>supervisor report</c>, read from the history store the config points at (data-dir's
/// stats.db, or the PostgreSQL journal database). Read-only: a store that does not exist yet is not created. A store
/// that cannot be read leaves the column empty and says why once on stderr; the report itself never fails for it.
/// </summary>
internal static class ReportHistory
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    public static async Task<FleetReport> AddLast24hAsync(FleetReport report, SupervisorSettings settings, TextWriter errors, CancellationToken ct)
    {
        if (!settings.Stats.Enabled) return report;
        if (settings.Journal.Provider == JournalProvider.Sqlite && !File.Exists(Path.Combine(settings.DataDir, "stats.db"))) return report;
        IReadOnlyList<DeviceDaySummary> days;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Patience);
            days = await HistoryHosting.Query(settings.Stats, settings.DataDir, settings.Journal).DeviceDaySummariesAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            errors.WriteLine($"supervisor: the last 24 h are left out: the history store could not be read ({e.Message})");
            return report;
        }
        var byId = days.ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        return report with
        {
            Devices = report.Devices.Select(d => byId.TryGetValue(d.Id, out var day) ? d with { Last24h = Stats(day) } : d).ToList(),
        };
    }

    private static DayStats Stats(DeviceDaySummary d) =>
        new(Span(d.Charge), Span(d.Load), Span(d.Power), Math.Round(d.OnBattery.TotalSeconds));

    private static MinAvgMax? Span(MetricSummary? m) => m is null ? null : new(m.Min, m.Avg, m.Max);

    /// <summary>One cell: "charge 41–100% (avg 93), on battery 4m 10s" — the numbers an operator checks first.</summary>
    public static string Describe(DayStats? d)
    {
        if (d is null) return "-";
        var parts = new List<string>();
        if (d.ChargePercent is { } c) parts.Add($"charge {N(c.Min)}–{N(c.Max)}% (avg {N(c.Avg)})");
        else if (d.PowerWatts is { } p) parts.Add($"power {N(p.Min)}–{N(p.Max)} W (avg {N(p.Avg)})");
        if (d.LoadPercent is { } l) parts.Add($"load ≤{N(l.Max)}%");
        parts.Add(d.OnBatterySeconds > 0 ? $"on battery {TimeSpan.FromSeconds(d.OnBatterySeconds):h\\:mm\\:ss}" : "never on battery");
        return string.Join(", ", parts);
    }

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
