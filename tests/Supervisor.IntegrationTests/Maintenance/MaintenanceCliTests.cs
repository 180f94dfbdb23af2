namespace Supervisor.IntegrationTests.Maintenance;

/// <summary>
/// `supervisor maintenance start|list|end` against the real README demo node: refusals with the fix, MAINTENANCE in
/// status and in the node's log, and the round trip back. Done before the demo's UPSes turn CRITICAL (30 s).
/// </summary>
public sealed class MaintenanceCliTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private async Task<CliProcess.Result> CliAsync(params string[] args)
    {
        var r = await CliProcess.RunAsync(args);
        Output.WriteLine($"$ supervisor {string.Join(' ', args)} -> {r.ExitCode} ({r.Took.TotalSeconds:0.0}s)\n{r.Stdout}{r.Stderr}");
        return r;
    }

    [Fact]
    public async Task Maintenance_cli_should_start_show_list_and_end_a_device_on_the_demo_node_and_refuse_bad_input_with_the_fix()
    {
        var node = await StartReadmeDemoAsync();
        var at = $"127.0.0.1:{node.Port}";

        var unknown = await CliAsync("maintenance", "start", "ups-z", "--for", "2h", "--reason", "battery swap", "--node", at);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown device \"ups-z\"; known devices: ups-a, ups-b", unknown.Stderr);
        var badDuration = await CliAsync("maintenance", "start", "ups-b", "--for", "soon", "--reason", "battery swap", "--node", at);
        Assert.Equal(2, badDuration.ExitCode);
        Assert.Contains("--for \"soon\" is not a duration; write a positive number with s, m, h, d or w (90s, 30m, 2h, 1d)", badDuration.Stderr);

        // ups-a must have reported HEALTHY first (until then rack-a would lose quorum without ups-b, and says so).
        CliProcess.Result started;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do started = await CliAsync("maintenance", "start", "ups-b", "--for", "2h", "--reason", "battery swap", "--by", "kim@ops", "--node", at);
        while (started.ExitCode == 1 && started.Stderr.Contains("would start a shutdown") && DateTime.UtcNow < deadline);
        Assert.Equal(0, started.ExitCode);
        Assert.Contains("ups-b is in MAINTENANCE until", started.Stdout);
        await node.WaitForLineAsync(@"Group rack-a: journaled device ups-b in MAINTENANCE until .* \(by kim@ops: battery swap\)", TimeSpan.FromSeconds(10));

        var status = await CliAsync("status", "--node", at);
        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"ups-b\W+simulated\W+MAINTENANCE", status.Stdout);
        Assert.Contains("1/1 healthy, need 1 (1 in maintenance)", status.Stdout);

        var list = await CliAsync("maintenance", "list", "--json", "--node", at);
        var row = Assert.Single(list.Json.GetProperty("windows").EnumerateArray());
        Assert.Equal(("ups-b", "rack-a", "battery swap", "kim@ops"), (row.GetProperty("device").GetString(), row.GetProperty("groups")[0].GetString(),
            row.GetProperty("reason").GetString(), row.GetProperty("by").GetString()));

        var ended = await CliAsync("maintenance", "end", "ups-b", "--node", at);
        Assert.Equal(0, ended.ExitCode);
        Assert.Contains("ups-b: maintenance ended in rack-a", ended.Stdout);
        var empty = await CliAsync("maintenance", "list", "--node", at);
        Assert.Contains("(none)", empty.Stdout);
    }
}
