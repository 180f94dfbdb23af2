using System.Globalization;
using Supervisor.Domain.Text;
using Supervisor.Node.Cli.Inspection;

namespace Supervisor.Node.Cli.History;

/// <summary>
/// <c>supervisor history &lt;device|group&gt;</c> (a chart of one metric over a window) and <c>supervisor events</c>
/// (the event log, with <c>--follow</c>): ask a running node, like <c>status</c>. Exit 0 = answered, 1 = nothing to show
/// (unknown subject or metric, history off), 2 = no answer.
/// </summary>
internal static class HistoryCommands
{
    private const int ChartHeight = 10;

    public static Command History()
    {
        var target = InspectionCommands.Target.Create();
        var subject = new Argument<string>("device-or-group") { Description = "A device or group id, as `supervisor status` shows it." };
        var metric = new Option<string?>("--metric", "-m") { Description = "Which metric (charge, runtime, load, power, input-voltage, health, healthy, …). Default: charge for a UPS, power for a plug or meter, healthy for a group." };
        var since = new Option<string>("--since") { Description = "Window back from now: 90s, 30m, 6h, 2d, 1w (default 6h).", DefaultValueFactory = _ => HistoryQueryDefaults.HistorySince };
        var from = new Option<string?>("--from") { Description = "Window start: a time (2026-12-06T14:00, UTC unless an offset is given) or a span back from now; overrides --since." };
        var to = new Option<string?>("--to") { Description = "Window end (default now)." };
        var points = new Option<int?>("--points") { Description = "At most this many points (default: the chart's width; 500 for --json and --csv)." };
        var json = InspectionCommands.JsonOption();
        var csv = new Option<bool>("--csv") { Description = "Print time,min,max,avg,last,count rows instead of a chart." };
        var command = target.AddTo(new Command("history", "Chart one metric of a device or group from the node's history store.")
            { subject, metric, since, from, to, points, json, csv });
        command.SetAction(p =>
        {
            var now = DateTimeOffset.UtcNow;
            var start = CliTime.Parse("--from", p.GetValue(from) ?? p.GetValue(since)!, now, out var e1);
            var end = p.GetValue(to) is { } t ? CliTime.Parse("--to", t, now, out e1) : now;
            if (start is null || end is null || start >= end)
            {
                Console.Error.WriteLine($"supervisor: {e1 ?? "the window is empty: --from must be before --to"}");
                return Task.FromResult(2);
            }
            var width = ChartWidth();
            var max = p.GetValue(points) ?? (p.GetValue(json) || p.GetValue(csv) ? HistoryQueryDefaults.MachinePoints : width);
            return InspectionCommands.Run(p, target, async client =>
            {
                var view = await client.AskAsync<HistoryView>(new HistoryRequest(p.GetValue(subject)!, p.GetValue(metric), start.Value, end.Value, max));
                if (p.GetValue(json)) return Json(view, view.Error is null ? 0 : 1);
                if (view.Error is { } error)
                {
                    Console.Error.WriteLine($"supervisor: {error}");
                    return 1;
                }
                if (p.GetValue(csv)) Csv(view);
                else Chart(view, start.Value, end.Value, width);
                return 0;
            });
        });
        return command;
    }

    public static Command Events()
    {
        var target = InspectionCommands.Target.Create();
        var since = new Option<string>("--since") { Description = "From how far back: 90s, 30m, 6h, 2d, 1w, or a time (default 24h).", DefaultValueFactory = _ => HistoryQueryDefaults.EventsSince };
        var device = new Option<string?>("--device") { Description = "Only events about this device." };
        var group = new Option<string?>("--group") { Description = "Only events of this group (its sagas included)." };
        var saga = new Option<string?>("--saga") { Description = "Only events of this saga." };
        var kind = new Option<string?>("--kind") { Description = "Only this kind (saga.step-failed) or family (saga)." };
        var limit = new Option<int>("--limit") { Description = "At most this many events (default 200).", DefaultValueFactory = _ => HistoryQueryDefaults.EventsLimit };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events as they are stored (Ctrl+C to stop)." };
        var json = InspectionCommands.JsonOption();
        var command = target.AddTo(new Command("events", "The event log: health and quorum changes, saga steps, fail-safe, membership.")
            { since, device, group, saga, kind, limit, follow, json });
        command.SetAction(p =>
        {
            var start = CliTime.Parse("--since", p.GetValue(since)!, DateTimeOffset.UtcNow, out var error);
            if (start is null)
            {
                Console.Error.WriteLine($"supervisor: {error}");
                return Task.FromResult(2);
            }
            return InspectionCommands.Run(p, target, async client =>
            {
                EventsRequest Ask(string? after) => new(start, p.GetValue(device), p.GetValue(group), p.GetValue(saga), p.GetValue(kind), after, p.GetValue(limit));
                var page = await client.AskAsync<EventsView>(Ask(null));
                if (page.Error is { } e)
                {
                    Console.Error.WriteLine($"supervisor: {e}");
                    return 1;
                }
                var asJson = p.GetValue(json);
                if (asJson && !p.GetValue(follow)) return Json(page, 0);
                Print(page.Events, asJson);
                if (!p.GetValue(follow)) return 0;
                using var stop = new CancellationTokenSource();
                Console.CancelKeyPress += (_, a) => { a.Cancel = true; stop.Cancel(); };
                var next = page.Next;
                while (!stop.IsCancellationRequested)
                {
                    // A quarter second between asks: with the writer's 250 ms flush, a new event shows within about half a second.
                    try { await Task.Delay(TimeSpan.FromMilliseconds(250), stop.Token); } catch (OperationCanceledException) { break; }
                    var more = await client.AskAsync<EventsView>(Ask(next));
                    Print(more.Events, asJson);
                    next = more.Next ?? next;
                }
                return 0;
            });
        });
        return command;
    }

    private static int Json<T>(T value, int exit)
    {
        Console.Out.WriteLine(JsonSerializer.Serialize(value, ReportCommand.Json));
        return exit;
    }

    private static int ChartWidth()
    {
        try { return Console.IsOutputRedirected ? 72 : Math.Clamp(Console.WindowWidth - 12, 20, 200); }
        catch (IOException) { return 72; }
    }

    private static void Chart(HistoryView v, DateTimeOffset from, DateTimeOffset to, int width)
    {
        var unit = v.Unit ?? "";
        Console.Out.WriteLine($"{v.Kind} {ForeignText.Escape(v.SubjectId)} · {v.Metric} ({unit}) · {Span(to - from)} · from the {TierName(v.Tier)} tier");
        var chartPoints = v.Points.Select(x => new TerminalChart.Point(x.Time, x.Avg)).ToList();
        // A group's series is stored when it changes, so between two points it holds the first one's value.
        var lines = TerminalChart.Render(chartPoints, from, to, width, ChartHeight, unit, TimeZoneInfo.Local, holdLast: v.Kind == "group");
        foreach (var line in lines) Console.Out.WriteLine(line);
        if (v.Points.Count > 0)
            Console.Out.WriteLine($"min {Num(v.Points.Min(x => x.Min))}{Unit(unit)}  max {Num(v.Points.Max(x => x.Max))}{Unit(unit)}  last {Num(v.Points[^1].Last)}{Unit(unit)}  " +
                                  $"({v.Points.Sum(x => x.Count)} samples)");
        Console.Out.WriteLine($"other metrics: {string.Join(", ", v.Metrics.Where(m => m != v.Metric))}");
    }

    private static void Csv(HistoryView v)
    {
        Console.Out.WriteLine("time,min,max,avg,last,count");
        foreach (var x in v.Points)
            Console.Out.WriteLine(string.Join(',', x.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                Num(x.Min), Num(x.Max), Num(x.Avg), Num(x.Last), x.Count.ToString(CultureInfo.InvariantCulture)));
    }

    private static void Print(IReadOnlyList<EventView> events, bool json)
    {
        foreach (var e in events)
        {
            if (json) Console.Out.WriteLine(JsonSerializer.Serialize(e, InspectionJson.Compact));
            else Console.Out.WriteLine($"{TimeZoneInfo.ConvertTime(e.Time, TimeZoneInfo.Local):yyyy-MM-dd HH:mm:ss}  {Severity(e.Severity),-8}  {ForeignText.Escape(e.Message)}");
        }
    }

    private static string Severity(string s) => s.ToUpperInvariant() switch { "INFO" => "info", var x => x };
    private static string TierName(string? tier) => tier switch { "Raw" => "raw", "FiveMinute" => "5-minute", "Hourly" => "hourly", _ => tier ?? "?" };
    private static string Num(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    private static string Unit(string unit) => unit is "flag" or "code" or "count" ? "" : unit;

    private static string Span(TimeSpan s) => s.TotalHours >= 48 ? $"{s.TotalDays:0.#} d" : s.TotalMinutes >= 120 ? $"{s.TotalHours:0.#} h" : $"{s.TotalMinutes:0.#} min";
}

/// <summary>One JSON object per line for <c>events --follow --json</c> (jq-friendly).</summary>
internal static class InspectionJson
{
    public static readonly JsonSerializerOptions Compact = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
