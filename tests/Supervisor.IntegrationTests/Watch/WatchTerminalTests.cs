using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Supervisor.IntegrationTests.Watch;

/// <summary>
/// `supervisor watch` as a person uses it: the real CLI process in a real terminal (tmux) against a live demo node whose
/// simulated UPSes lose mains power; keys are typed with send-keys and the screen read with capture-pane.
/// </summary>
public sealed partial class WatchTerminalTests(WatchNode node, ITestOutputHelper output) : IClassFixture<WatchNode>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    [GeneratedRegex(@"^(?<mark>[> ]) (?<id>ups-[ab])\s+(?<health>\S+)\s+(?<state>OL|OB)\s+(?<charge>[\d.]+)%\s+\S+\s+(?<load>[\d.]+)%\s+(?<power>[\d.]+)W", RegexOptions.Multiline)]
    private static partial Regex DeviceRow();

    private Dictionary<string, string> Environment() => new() { ["SUPERVISOR_API_KEY"] = node.ViewerKey };

    [Fact]
    public async Task Watch_should_follow_the_outage_live_switch_device_and_range_with_keys_redraw_on_resize_and_quit_with_q()
    {
        using var tmux = TmuxSession.Start($"dotnet '{NodeProcess.SupervisorDll}' watch --node {node.HttpNode}; echo EXIT=$?; sleep 600", 120, 40, Environment());
        var screen = await tmux.WaitForAsync(s => s.Contains(" · live · ") && s.Contains("> ups-a") && s.Contains("└"), "the first frame with ups-a selected and its chart", Within);
        output.WriteLine(screen);
        Assert.Contains("GRAPH ups-a · charge (%) · 10 min", screen);
        Assert.Contains("rack-a", screen);

        tmux.SendKeys("Right");
        await tmux.WaitForAsync(s => s.Contains("> ups-b") && s.Contains("GRAPH ups-b · charge"), "ups-b selected after →", Within);
        tmux.SendKeys("r");
        await tmux.WaitForAsync(s => s.Contains("GRAPH ups-b · charge (%) · 1 h") && s.Contains("└"), "the 1 h range after r", Within);
        tmux.SendKeys("Down");
        await tmux.WaitForAsync(s => s.Contains("GRAPH ups-b · runtime (s) · 1 h"), "the runtime metric after ↓", Within);

        // The outage: both on battery, quorum lost, the saga's first step dispatched with its deadline counting down.
        screen = await tmux.WaitForAsync(s => s.Contains("DISPATCHED deadline in") && s.Contains("0 of min 1"), "the running saga during the outage", Within);
        output.WriteLine(screen);
        Assert.Matches(@"SAGA rack-a-1\S* · RUNNING · phase \d/4", screen);
        await AssertNumbersMatchTheNode(screen);

        screen = await tmux.WaitForAsync(s => Regex.IsMatch(s, @"ok vms\s+demo-host\s+stop-vms\s+SUCCEEDED\s+1\d(\.\d)?s"), "the first step done after its 10 s", Within);
        output.WriteLine(screen);

        tmux.Resize(80, 24);
        screen = await tmux.WaitForAsync(s => s.Contains("supervisor watch") && s.Split('\n').All(l => l.TrimEnd().Length <= 80) && !s.Contains("←/→ device"),
            "the frame redrawn for 80 columns (the key help no longer fits the header)", Within);
        output.WriteLine(screen);
        Assert.Equal(24, screen.TrimEnd('\n').Split('\n').Length);

        tmux.SendKeys("q");
        await tmux.WaitForAsync(s => s.Contains("EXIT=0"), "watch to exit 0 on q", Within);
    }

    [Fact]
    public async Task Once_should_print_one_frame_and_exit_0_and_a_missing_key_should_say_how_to_pass_one()
    {
        var once = await CliProcess.RunWithEnvironmentAsync(NodeProcess.EnvironmentWith(("SUPERVISOR_API_KEY", node.ViewerKey)), "watch", "--node", node.HttpNode, "--once");
        output.WriteLine(once.Stdout);
        Assert.Equal(0, once.ExitCode);
        Assert.StartsWith($"supervisor watch · {node.HttpNode} · live · ", once.Stdout);
        Assert.Matches(DeviceRow(), once.Stdout);
        Assert.Contains("GRAPH ups-a · charge (%) · 10 min", once.Stdout);
        Assert.Contains("  rack-a ", once.Stdout);
        Assert.False(once.Stdout.EndsWith("\n\n"), "no blank rows after the frame");

        var keyless = await CliProcess.RunWithEnvironmentAsync(NodeProcess.EnvironmentWith(("SUPERVISOR_API_KEY", null)), "watch", "--node", node.HttpNode, "--once");
        Assert.Equal(2, keyless.ExitCode);
        Assert.Contains("--api-key", keyless.Stderr);
        Assert.DoesNotContain("   at ", keyless.Stderr);
    }

    [Fact]
    public async Task Watch_should_print_plain_lines_every_interval_when_stdout_is_not_a_terminal()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.Environment["SUPERVISOR_API_KEY"] = node.ViewerKey;
        foreach (var a in new[] { NodeProcess.SupervisorDll, "watch", "--node", node.HttpNode, "--interval", "1" }) psi.ArgumentList.Add(a);
        using var watch = Process.Start(psi)!;
        try
        {
            var lines = new List<string>();
            using var timeout = new CancellationTokenSource(Within);
            // Two rounds of the same group line: it repeats each interval rather than printing once.
            while (lines.Count(l => l.Contains(" group rack-a ")) < 2)
                lines.Add(await watch.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("watch ended: " + await watch.StandardError.ReadToEndAsync()));
            output.WriteLine(string.Join('\n', lines));
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ device ups-a (HEALTHY|DEGRADED|CRITICAL) (OL|OB) charge=[\d.]+ runtime=[\d.]+ load=40 power=400 age="));
            Assert.Contains(lines, l => l.Contains(" device ups-b "));
            Assert.DoesNotContain(lines, l => l.Contains('\e')); // no escape sequences in a log
        }
        finally
        {
            watch.Kill();
        }
    }

    /// <summary>The screen's charge, load and power per UPS are the node's own (charge within the drift of a few seconds).</summary>
    private async Task AssertNumbersMatchTheNode(string screen)
    {
        using var client = node.Client(node.ViewerKey);
        var devices = await client.GetFromJsonAsync<List<DeviceView>>("/api/v1/devices", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var rows = DeviceRow().Matches(screen);
        Assert.Equal(2, rows.Count);
        foreach (Match row in rows)
        {
            var device = devices!.Single(d => d.Id == row.Groups["id"].Value);
            Assert.Equal("OB", row.Groups["state"].Value);
            Assert.Equal(device.ChargePercent!.Value, double.Parse(row.Groups["charge"].Value, CultureInfo.InvariantCulture), 1.0);
            Assert.Equal(device.LoadPercent!.Value, double.Parse(row.Groups["load"].Value, CultureInfo.InvariantCulture), 0.5);
            Assert.Equal(device.PowerWatts!.Value, double.Parse(row.Groups["power"].Value, CultureInfo.InvariantCulture), 0.5);
        }
    }
}
