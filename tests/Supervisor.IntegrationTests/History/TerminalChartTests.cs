using Supervisor.Node.Cli.History;

namespace Supervisor.IntegrationTests.History;

/// <summary>The block chart `supervisor history` draws: pure, so exact lines can be compared.</summary>
public class TerminalChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<string> Draw(IEnumerable<(int Minute, double Value)> points, int width = 10, int height = 2, bool holdLast = false) =>
        TerminalChart.Render(points.Select(p => new TerminalChart.Point(T0.AddMinutes(p.Minute), p.Value)).ToList(), T0, T0.AddMinutes(10), width, height, "%",
            TimeZoneInfo.Utc, holdLast);

    [Fact]
    public void Chart_should_draw_a_rising_series_with_its_range_on_the_y_axis_and_the_window_on_the_x_axis()
    {
        var lines = Draw(Enumerable.Range(0, 10).Select(i => (i, 10.0 * i)));
        Assert.Equal(
        [
            "90% │     ▁▃▅▆█",
            " 0% │▁▃▄▆██████",
            "    └──────────",
            "     12:00 12:10",
        ], lines);
    }

    [Fact]
    public void Chart_should_leave_a_gap_where_no_poll_was_stored_and_hold_the_last_value_for_a_series_stored_on_change()
    {
        var gap = Draw([(0, 1), (1, 1), (2, 1), (8, 2), (9, 2)]); // polls stopped for five minutes
        Assert.StartsWith("2% │", gap[0]);
        Assert.Equal("1% │▁▁▁     ██", gap[1]);
        var held = Draw([(0, 1), (9, 2)], holdLast: true); // a group's count, stored when it changed
        Assert.Equal("1% │▁▁▁▁▁▁▁▁▁█", held[1]);
    }

    [Fact]
    public void Chart_should_close_the_holes_of_a_series_with_fewer_samples_than_columns()
    {
        var sparse = Draw(Enumerable.Range(0, 10).Select(i => (i, 1.0 + i % 2)), width: 20);
        Assert.DoesNotContain(' ', sparse[1][4..].TrimEnd());
    }

    [Fact]
    public void Chart_should_draw_a_flat_series_at_mid_height_and_say_so_when_there_is_nothing()
    {
        var flat = Draw(Enumerable.Range(0, 10).Select(i => (i, 50.0)), height: 4);
        Assert.All(flat.Take(4), l => Assert.Contains("│", l));
        Assert.Contains("51%", flat[0]);
        Assert.Contains("49%", flat[3]);
        Assert.Equal(["(no points in this window)"], Draw([]));
    }
}
