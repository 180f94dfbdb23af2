using System.Globalization;
using System.Text;

namespace Supervisor.Node.Cli.History;

/// <summary>
/// A history series as a block chart for a terminal: one column per time slot, its height the slot's average drawn with
/// eighth blocks (▁▂▃▄▅▆▇█), a y axis with the top and bottom values, and an x axis with the first and last times.
/// Pure: the same points and size give the same lines (tests compare them).
/// </summary>
public static class TerminalChart
{
    private static readonly char[] Eighths = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

    public readonly record struct Point(DateTimeOffset Time, double Value);

    /// <param name="width">Columns for the plot itself (the y labels come on top of it).</param>
    /// <param name="height">Rows for the plot (at least 2).</param>
    /// <param name="from">Start of the window: the x axis spans [from, to) whether or not there are points at its ends.</param>
    /// <param name="holdLast">A series stored only when it changes (a group's count): a slot without a point holds the last value
    /// before it. Off for polled series, where a slot without points is a real gap (nobody polled) and must show as one.</param>
    public static IReadOnlyList<string> Render(IReadOnlyList<Point> points, DateTimeOffset from, DateTimeOffset to, int width, int height, string unit, TimeZoneInfo zone,
        bool holdLast = false)
    {
        width = Math.Max(10, width);
        height = Math.Max(2, height);
        if (points.Count == 0) return ["(no points in this window)"];

        var columns = Columns(points, from, to, width);
        FillGaps(columns, holdLast);
        var known = columns.Where(c => c is not null).Select(c => c!.Value).ToList();
        var (low, high) = Range(known);
        var top = Label(high, unit);
        var bottom = Label(low, unit);
        var labelWidth = Math.Max(top.Length, bottom.Length);

        var lines = new List<string>(height + 2);
        for (var row = height - 1; row >= 0; row--)
        {
            var label = row == height - 1 ? top : row == 0 ? bottom : "";
            var line = new StringBuilder(label.PadLeft(labelWidth)).Append(" │");
            foreach (var c in columns) line.Append(c is { } v ? Cell(v, low, high, row, height) : ' ');
            lines.Add(line.ToString().TrimEnd());
        }
        lines.Add(new string(' ', labelWidth) + " └" + new string('─', width));
        var start = Time(from, to, from, zone);
        var end = Time(from, to, to, zone);
        lines.Add(new string(' ', labelWidth + 2) + start + end.PadLeft(Math.Max(end.Length + 1, width - start.Length)));
        return lines;
    }

    /// <summary>Averages the points falling into each of <paramref name="width"/> equal slots of the window; null where a slot has none.</summary>
    private static double?[] Columns(IReadOnlyList<Point> points, DateTimeOffset from, DateTimeOffset to, int width)
    {
        var sums = new double[width];
        var counts = new int[width];
        var span = Math.Max(1, (to - from).Ticks);
        foreach (var p in points)
        {
            if (p.Time < from || p.Time >= to || !double.IsFinite(p.Value)) continue;
            var i = (int)Math.Min(width - 1, (p.Time - from).Ticks * width / span);
            sums[i] += p.Value;
            counts[i]++;
        }
        return Enumerable.Range(0, width).Select(i => counts[i] == 0 ? (double?)null : sums[i] / counts[i]).ToArray();
    }

    /// <summary>
    /// Empty columns between two points: all of them when the series holds its last value; otherwise only those no wider
    /// than twice the usual spacing (fewer samples than columns leave one-column holes that are no gap). A longer run
    /// stays empty: nobody polled then, and the chart must show it.
    /// </summary>
    private static void FillGaps(double?[] columns, bool holdLast)
    {
        var filled = Enumerable.Range(0, columns.Length).Where(i => columns[i] is not null).ToList();
        if (filled.Count < 2) return;
        var spacings = filled.Zip(filled.Skip(1), (a, b) => b - a).Order().ToList();
        var usual = spacings[spacings.Count / 2];
        for (var k = 1; k < filled.Count; k++)
        {
            var (a, b) = (filled[k - 1], filled[k]);
            if (b - a == 1 || (!holdLast && b - a > 2 * usual)) continue;
            for (var i = a + 1; i < b; i++) columns[i] = columns[a];
        }
        if (holdLast)
            for (var i = filled[^1] + 1; i < columns.Length; i++) columns[i] = columns[filled[^1]];
    }

    /// <summary>The y range: the data's, padded when flat so a constant series draws as a line at mid height.</summary>
    private static (double Low, double High) Range(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (0, 1);
        var (low, high) = (values.Min(), values.Max());
        if (high - low < 1e-9) return (low - 1, high + 1);
        return (low, high);
    }

    /// <summary>The character for one cell: full below the value's height, an eighth block at its top row, blank above.</summary>
    private static char Cell(double value, double low, double high, int row, int height)
    {
        var eighths = (int)Math.Round((value - low) / (high - low) * (height * 8 - 1)) + 1; // at least one eighth: a value at the bottom still shows
        var inRow = eighths - row * 8;
        return inRow >= 8 ? Eighths[8] : inRow <= 0 ? ' ' : Eighths[inRow];
    }

    private static string Label(double v, string unit) =>
        v.ToString(Math.Abs(v) >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) + (unit is "flag" or "code" or "count" ? "" : unit);

    /// <summary>Times as people read them: clock time for a window within a day, date and time beyond.</summary>
    private static string Time(DateTimeOffset from, DateTimeOffset to, DateTimeOffset t, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(t, zone);
        return (to - from) <= TimeSpan.FromDays(1) ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : local.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
