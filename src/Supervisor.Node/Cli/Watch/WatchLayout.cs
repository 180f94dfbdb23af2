using System.Globalization;
using Supervisor.Domain.Text;
using Supervisor.Node.Cli.History;

namespace Supervisor.Node.Cli.Watch;

/// <summary>
/// One frame of <c>supervisor watch</c>: the state and the terminal's size → exactly <c>height</c> lines of at most
/// <c>width</c> characters. Pure (tests compare frames). When rows are short, the event list shrinks first, then the
/// chart, so the devices, groups and a running saga stay on screen.
/// </summary>
internal static class WatchLayout
{
    public const string Keys = "←/→ device  ↑/↓ metric  r range  q quit";
    private const int MinChartRows = 3;
    private const int MaxChartRows = 12;

    public static IReadOnlyList<string> Render(WatchState s, DateTimeOffset now, int width, int height, TimeZoneInfo zone)
    {
        width = Math.Max(40, width);
        height = Math.Max(10, height);
        var top = new List<string> { Header(s, now, width, zone), "" };
        top.AddRange(Devices(s, now));
        top.Add("");
        top.AddRange(Groups(s));
        var saga = Saga(s, now);
        if (saga.Count > 0) { top.Add(""); top.AddRange(saga); }

        var spare = height - top.Count - 1;
        var chartRows = Math.Clamp(spare - 6 - 4, MinChartRows, MaxChartRows); // 6: a few events; 4: the chart's title and axes
        var chart = Chart(s, now, width, chartRows, zone);
        var eventRows = Math.Max(0, spare - chart.Count - 1);
        var lines = new List<string>(top) { "" };
        lines.AddRange(Events(s, eventRows, zone));
        if (eventRows > 0) lines.Add("");
        lines.AddRange(chart);
        return Fit(lines, width, height);
    }

    private static string Header(WatchState s, DateTimeOffset now, int width, TimeZoneInfo zone)
    {
        var left = $"supervisor watch · {s.Node}{(s.Group is null ? "" : $" · group {s.Group}")} · {s.Connection} · {Clock(now, zone)}";
        return left.Length + Keys.Length + 2 <= width ? left + Keys.PadLeft(width - left.Length) : left;
    }

    private static IEnumerable<string> Devices(WatchState s, DateTimeOffset now)
    {
        yield return $"  {"DEVICE",-12} {"HEALTH",-11} {"STATE",-8} {"CHARGE",7} {"RUNTIME",8} {"LOAD",5} {"POWER",7} {"ON BATT",8} {"AGE",5}";
        if (s.Devices.Count == 0) yield return "  (no devices yet)";
        foreach (var d in s.Devices)
        {
            var mark = d.Id == s.Selected?.Id ? ">" : " ";
            var state = d.OnBattery switch { true => "OB", false => "OL", null => "?" };
            var runtime = d.RuntimeSeconds is { } r ? Span(TimeSpan.FromSeconds(r)) + (d.RuntimeEstimated ? "~" : "") : "-";
            var battery = s.OnBatteryFor(d, now) is { } b ? Span(b) : "-";
            var age = d.LastReadingAt is { } at ? Span(now - at) : "never";
            yield return $"{mark} {Cut(ForeignText.Escape(d.Id), 12),-12} {d.Health,-11} {state,-8} {Num(d.ChargePercent, "%"),7} {runtime,8} {Num(d.LoadPercent, "%"),5} {Num(d.PowerWatts, "W"),7} {battery,8} {age,5}";
        }
    }

    private static IEnumerable<string> Groups(WatchState s)
    {
        yield return $"  {"GROUP",-12} {"STATE",-17} {"QUORUM",-14} MEMBERS";
        if (s.Groups.Count == 0) yield return "  (no groups)";
        foreach (var g in s.Groups)
        {
            var quorum = $"{g.Healthy?.ToString(CultureInfo.InvariantCulture) ?? "?"} of min {g.MinHealthy}";
            var members = g.MemberIds.Count > 0 ? string.Join(", ", g.MemberIds.Select(m => g.InMaintenance.Contains(m) ? m + " (maint)" : m)) : $"{g.Members}";
            yield return $"  {Cut(ForeignText.Escape(g.Id), 12),-12} {g.State,-17} {quorum,-14} {ForeignText.Escape(members)}";
        }
    }

    /// <summary>The latest saga of the shown groups: a line for it, then one per step with its outcome or its deadline.</summary>
    private static List<string> Saga(WatchState s, DateTimeOffset now)
    {
        if (s.Saga?.Saga is not { } saga) return [];
        var lines = new List<string>
        {
            $"SAGA {saga.SagaId} · {saga.Status} · phase {saga.PhaseNumber}/{saga.Phases} {saga.Phase} · " +
            $"{saga.Succeeded} ok, {saga.Failed} failed, {saga.TimedOut} timed out, {saga.Unfinished} unfinished" +
            (saga.EndReason is { } why ? $" · {ForeignText.Escape(why)}" : ""),
        };
        foreach (var step in s.Saga.Steps)
        {
            var mark = step.Status switch { "SUCCEEDED" => "ok", "FAILED" => "XX", "TIMEDOUT" => "XX", "DISPATCHED" => "..", _ => "  " };
            var when = step.Status switch
            {
                "DISPATCHED" when step.DispatchedAt is { } at && step.TimeoutSeconds is { } t => Deadline(at.AddSeconds(t), now),
                "DISPATCHED" when step.DispatchedAt is { } at => $"running for {Span(now - at)}",
                "PENDING" => step.TimeoutSeconds is { } t ? $"waits (timeout {Span(TimeSpan.FromSeconds(t))})" : "waits",
                _ => step.Seconds is { } sec ? $"{sec.ToString("0.#", CultureInfo.InvariantCulture)}s" : "",
            };
            var detail = step.Detail is { Length: > 0 } d ? " · " + ForeignText.Escape(d) : "";
            lines.Add($"  {mark} {step.Phase,-12} {ForeignText.Escape(step.Host),-12} {ForeignText.Escape(step.Action),-16} {step.Status,-10} {when}{detail}");
        }
        return lines;
    }

    private static string Deadline(DateTimeOffset deadline, DateTimeOffset now) =>
        deadline > now ? $"deadline in {Span(deadline - now)}" : $"deadline passed {Span(now - deadline)} ago";

    private static IEnumerable<string> Events(WatchState s, int rows, TimeZoneInfo zone)
    {
        if (rows <= 0) yield break;
        yield return "EVENTS";
        var shown = s.Events.Skip(Math.Max(0, s.Events.Count - (rows - 1))).ToList();
        if (shown.Count == 0 && rows > 1) yield return "  (none in the last hour)";
        foreach (var e in shown)
            yield return $"  {Clock(e.Time, zone)} {e.Severity.ToLowerInvariant(),-8} {ForeignText.Escape(e.Message)}";
    }

    private static List<string> Chart(WatchState s, DateTimeOffset now, int width, int rows, TimeZoneInfo zone)
    {
        var device = s.Selected;
        var title = $"GRAPH {(device is null ? "-" : ForeignText.Escape(device.Id))} · {s.Metric}{(s.ChartUnit.Length > 0 ? $" ({s.ChartUnit})" : "")} · {s.Range.Name}";
        var lines = new List<string> { title };
        if (s.ChartNote is { } note) { lines.Add("  " + note); return lines; }
        lines.AddRange(TerminalChart.Render(s.Chart, now - s.Range.Span, now, width - 12, rows, s.ChartUnit, zone));
        return lines;
    }

    /// <summary>Exactly <paramref name="height"/> lines, none wider than the terminal (a wider line would wrap and scroll the frame).</summary>
    private static IReadOnlyList<string> Fit(List<string> lines, int width, int height)
    {
        var fitted = lines.Take(height).Select(l => Cut(l.TrimEnd(), width)).ToList();
        while (fitted.Count < height) fitted.Add("");
        return fitted;
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";
    private static string Clock(DateTimeOffset t, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    private static string Num(double? v, string unit) => v is { } x ? x.ToString("0.#", CultureInfo.InvariantCulture) + unit : "-";

    internal static string Span(TimeSpan t)
    {
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        return t.TotalSeconds < 60 ? $"{(int)t.TotalSeconds}s"
            : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s"
            : $"{(int)t.TotalHours}h{t.Minutes:00}m";
    }
}
