using Supervisor.Actors.Live;
using Supervisor.Node.Cli.Watch;

namespace Supervisor.IntegrationTests.Watch;

/// <summary>The frame `supervisor watch` draws: state + size → lines, pure, so exact rows can be compared.</summary>
public class WatchLayoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static DeviceView Ups(string id, bool onBattery, double charge, double runtime, DateTimeOffset? at = null) =>
        new(id, "simulated", onBattery ? "DEGRADED" : "HEALTHY", "", onBattery, charge, runtime, false, 400, onBattery ? "OB DISCHRG" : "OL", at ?? Now.AddSeconds(-2))
            { LoadPercent = 40, InputVoltage = 230 };

    private static WatchState Fleet(string? group = null)
    {
        var state = new WatchState("127.0.0.1:8080", group) { Connection = "live" };
        var groups = new[]
        {
            new GroupView("rack-a", "DEGRADED", 1, null, 2, 1, 2, null) { MemberIds = ["ups-a", "ups-b"] },
            new GroupView("rack-b", "HEALTHY", 1, null, 1, 1, 1, null) { MemberIds = ["ups-c"] },
        };
        state.ApplySnapshot(new StatusView("n", [Ups("ups-b", false, 100, 1500), Ups("ups-a", true, 97.5, 1770, Now.AddSeconds(-30)), Ups("ups-c", false, 100, 900)], groups, []),
            Now.AddSeconds(-30));
        return state;
    }

    private static IReadOnlyList<string> Draw(WatchState s, int width = 100, int height = 30) => WatchLayout.Render(s, Now, width, height, TimeZoneInfo.Utc);

    [Fact]
    public void Frame_should_show_each_device_with_state_charge_runtime_load_power_time_on_battery_and_reading_age_sorted_by_id()
    {
        var lines = Draw(Fleet());
        Assert.Equal("  DEVICE       HEALTH      STATE     CHARGE  RUNTIME  LOAD   POWER  ON BATT   AGE", lines[2]);
        Assert.Equal("> ups-a        DEGRADED    OB         97.5%   29m30s   40%    400W      30s   30s", lines[3]);
        Assert.Equal("  ups-b        HEALTHY     OL          100%   25m00s   40%    400W        -    2s", lines[4]);
    }

    [Fact]
    public void Time_on_battery_should_come_from_the_node_when_the_snapshot_says_since_when()
    {
        var state = Fleet();
        state.ApplySnapshot(new StatusView("n", [Ups("ups-a", true, 90, 1500) with { OnBatterySince = Now.AddMinutes(-5) }], [], []), Now);
        state.ApplyDevice(Ups("ups-a", true, 89, 1490, Now), Now); // a live frame (no OnBatterySince) keeps the node's start
        Assert.Equal("> ups-a        DEGRADED    OB           89%   24m50s   40%    400W    5m00s    0s", Draw(state)[3]);
    }

    [Fact]
    public void Frame_should_show_each_groups_quorum_against_min_healthy_and_its_members()
    {
        var lines = Draw(Fleet());
        Assert.Contains("  rack-a       DEGRADED          2 of min 1     ups-a, ups-b", lines);
        var state = Fleet();
        state.ApplyGroup(new LiveGroupView("rack-a", "QUORUMLOST", 0, 1, 2, null, Now));
        Assert.Contains("  rack-a       QUORUMLOST        0 of min 1     ups-a, ups-b", Draw(state));
    }

    [Fact]
    public void Frame_should_be_exactly_the_terminal_size_whatever_the_size_so_a_resize_redraws_cleanly()
    {
        foreach (var (w, h) in new[] { (120, 40), (80, 24), (40, 10), (200, 60) })
        {
            var lines = Draw(Fleet(), w, h);
            Assert.Equal(h, lines.Count);
            Assert.All(lines, l => Assert.True(l.Length <= w, $"{l.Length} > {w}: {l}"));
        }
    }

    [Fact]
    public void Group_option_should_keep_only_that_group_and_its_members()
    {
        var lines = string.Join('\n', Draw(Fleet("rack-b")));
        Assert.Contains("ups-c", lines);
        Assert.DoesNotContain("ups-a", lines);
        Assert.DoesNotContain("rack-a", lines);
        Assert.Contains("group rack-b", lines);
    }

    [Fact]
    public void Saga_should_show_each_step_with_its_outcome_or_the_time_left_to_its_deadline()
    {
        var state = Fleet();
        var saga = new SagaView("rack-a-1", "rack-a", "RUNNING", "containers", 2, 3, Now.AddSeconds(-20), null, null, 3, 1, 0, 0, 2);
        state.Saga = new SagaDetailView("rack-a-1", saga,
        [
            new SagaStepView("1.1", "vms", "hv-1", "stop-vms", false, "SUCCEEDED", 1, Now.AddSeconds(-20), Now.AddSeconds(-15), 5, 0, null) { TimeoutSeconds = 60 },
            new SagaStepView("2.1", "containers", "hv-1", "stop-containers", false, "DISPATCHED", 1, Now.AddSeconds(-10), null, null, null, null) { TimeoutSeconds = 30 },
            new SagaStepView("3.1", "local-host", "hv-1", "poweroff", true, "PENDING", 0, null, null, null, null, null) { TimeoutSeconds = 30 },
        ]);
        var lines = Draw(state);
        Assert.Contains("SAGA rack-a-1 · RUNNING · phase 2/3 containers · 1 ok, 0 failed, 0 timed out, 2 unfinished", lines);
        Assert.Contains("  ok vms          hv-1         stop-vms         SUCCEEDED  5s", lines);
        Assert.Contains("  .. containers   hv-1         stop-containers  DISPATCHED deadline in 20s", lines);
        Assert.Contains("     local-host   hv-1         poweroff         PENDING    waits (timeout 30s)", lines);
    }

    [Fact]
    public void Chart_should_title_the_selected_device_metric_and_range_and_follow_the_keys()
    {
        var state = Fleet();
        Assert.Contains("GRAPH ups-a · charge · 10 min", Draw(state));
        state.MoveDevice(1);
        state.MoveMetric(1);
        state.MoveRange(1);
        Assert.Contains("GRAPH ups-b · runtime · 1 h", Draw(state));
        state.MoveDevice(-2); // wraps round: three devices
        state.MoveRange(2);
        Assert.Contains("GRAPH ups-c · runtime · 10 min", Draw(state));
    }

    [Fact]
    public void Chart_should_draw_the_backfilled_series_and_extend_it_with_live_frames_of_the_selected_device()
    {
        var state = Fleet();
        state.ChartUnit = "%";
        state.Chart.AddRange(Enumerable.Range(0, 9).Select(i => new Node.Cli.History.TerminalChart.Point(Now.AddMinutes(-9 + i), 100 - i)));
        Assert.False(state.ApplyDevice(Ups("ups-b", false, 50, 1500, Now.AddSeconds(-1)), Now)); // not the selected device: no point
        Assert.True(state.ApplyDevice(Ups("ups-a", true, 80, 1500, Now.AddSeconds(-1)), Now));
        Assert.Equal(80, state.Chart[^1].Value);
        var lines = Draw(state);
        var graph = lines.ToList().FindIndex(l => l.StartsWith("GRAPH ups-a · charge (%) · 10 min"));
        Assert.True(graph > 0, string.Join('\n', lines));
        Assert.StartsWith("100% │", lines[graph + 1]);
        Assert.Contains(lines, l => l.StartsWith(" 80% │"));
    }

    [Fact]
    public void Events_should_list_the_newest_that_fit_with_time_and_severity()
    {
        var state = Fleet();
        state.BackfillEvents(Enumerable.Range(0, 60).Select(i => new EventView($"e{i}", Now.AddSeconds(-60 + i), "device.health", "WARNING", "ups-a", $"event {i}")));
        state.ApplyEvent(new EventView("e59", Now, "device.health", "WARNING", "ups-a", "event 59")); // the same event live: once
        var lines = Draw(state, height: 40);
        Assert.Contains("  11:59:59 warning  event 59", lines);
        Assert.Single(lines, l => l.EndsWith("event 59"));
        Assert.DoesNotContain(lines, l => l.EndsWith("event 0"));
    }

    [Fact]
    public void Plain_lines_should_give_one_line_per_device_and_group_for_logs()
    {
        var lines = WatchCommand.PlainLines(Fleet(), Now).ToList();
        Assert.Equal("2026-12-07T12:00:00Z device ups-a DEGRADED OB charge=97.5 runtime=1770 load=40 power=400 age=30", lines[0]);
        Assert.Contains("2026-12-07T12:00:00Z group rack-a DEGRADED healthy=2 min-healthy=1 members=2", lines);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("https://ups.example:8443", "https://ups.example:8443/")]
    public void Node_option_should_take_host_port_or_a_url(string node, string expected) =>
        Assert.Equal(expected, WatchClient.ParseNode(node, out _)!.ToString());

    [Fact]
    public void Node_option_should_refuse_what_is_not_an_http_address_and_say_what_to_give()
    {
        Assert.Null(WatchClient.ParseNode("ftp://x:1", out var error));
        Assert.Contains("host:port", error);
    }
}
