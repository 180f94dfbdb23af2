namespace Supervisor.Drivers.Tests.Nut;

/// <summary>
/// Issue 9 part E, the driver's half of the status watch: <c>GET VAR ups1 ups.status</c> against a real upsd 2.8 +
/// dummy-ups (restarted before each test: FSD latches), on the same session as the polls, never at the same time.
/// </summary>
public sealed class NutDriverStatusWatchTests(UpsdServer upsd, ITestOutputHelper output) : RealServerTests(output), IClassFixture<UpsdServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    protected override Task ResetServerAsync() => upsd.RestartAsync();

    protected override string DrainServerLog() => upsd.DrainLog();

    private static NutDriver Driver(int port, string ups = "ups1") => new("ups-real", new NutOptions("127.0.0.1", port, ups, null, null), Timeout);

    [Fact]
    public async Task ReadStatusAsync_should_see_OB_LB_when_upsrw_flips_the_status_after_a_poll()
    {
        await using var driver = Driver(upsd.Port);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);

        await upsd.SetStatusAsync("OB LB");
        var probe = await driver.ReadStatusAsync(CancellationToken.None);

        Assert.Equal(("OB LB", false, true, true, false), (probe.RawStatus, probe.OnLine, probe.OnBattery, probe.LowBattery, probe.ForcedShutdown));
        Assert.Null(probe.Full); // one variable, not a reading: the device actor polls in full on a change
    }

    [Fact]
    public async Task ReadStatusAsync_should_see_FSD_when_the_primary_forces_a_shutdown()
    {
        await using var driver = Driver(upsd.Port);
        await upsd.SetStatusAsync("OB LB");
        await upsd.ForceShutdownAsync();
        var probe = await driver.ReadStatusAsync(CancellationToken.None);
        Assert.True(probe.ForcedShutdown);
        Assert.Equal("FSD OB LB", probe.RawStatus);
    }

    [Fact]
    public async Task ReadStatusAsync_should_see_a_flip_within_one_status_interval_of_upsd_serving_it()
    {
        // The watch's pace (100 ms, the default) in a loop, as the device actor runs it between polls; a second client
        // polls every 5 ms to stamp when upsd starts serving the new status (dummy-ups applies a SET on its own 1 s tick).
        await using var driver = Driver(upsd.Port);
        await driver.ReadAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var seen = Task.Run(async () =>
        {
            while (true)
            {
                var probe = await driver.ReadStatusAsync(stop.Token);
                if (probe.OnBattery) return DateTimeOffset.UtcNow;
                await Task.Delay(100, stop.Token);
            }
        });
        var flip = upsd.SetStatusAsync("OB LB"); // returns once GET VAR shows it (polled every 50 ms)
        var visible = await VisibleAsync("OB LB", stop.Token);
        var lag = await seen - visible;
        await flip;
        Output.WriteLine($"seen {lag.TotalMilliseconds:0} ms after upsd served it");
        Assert.True(lag < TimeSpan.FromMilliseconds(100 + 150), $"the watch saw OB LB {lag.TotalMilliseconds:0} ms after upsd served it");
    }

    [Fact]
    public async Task ReadStatusAsync_should_use_the_polls_connection_when_called_between_polls()
    {
        await using var relay = new RecordingTcpProxy(upsd.Host, upsd.Port);
        await using var driver = Driver(relay.Port);
        await driver.ReadAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++) await driver.ReadStatusAsync(CancellationToken.None);
        await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(1, relay.Connections);
        Assert.Equal("LIST VAR ups1\n" + string.Concat(Enumerable.Repeat("GET VAR ups1 ups.status\n", 5)) + "LIST VAR ups1\n", relay.ClientBytes);
    }

    [Fact]
    public async Task ReadStatusAsync_should_explain_the_error_and_the_next_poll_reconnect_when_the_nut_driver_is_gone()
    {
        await using var driver = Driver(upsd.Port);
        await driver.ReadAsync(CancellationToken.None);
        await upsd.StopDriverAsync();
        // upsd notices the driver's socket closing on its own schedule; until then it still serves the last status.
        DeviceException? ex = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        do
        {
            try { await driver.ReadStatusAsync(CancellationToken.None); }
            catch (DeviceException e) { ex = e; }
        } while (ex?.Message.Contains("(ERR ") != true && DateTime.UtcNow < deadline && await Delay());
        Assert.NotNull(ex);
        Output.WriteLine(ex.Message);
        Assert.StartsWith("device \"ups-real\": ", ex.Message);
        Assert.Matches(@"\(ERR (DRIVER-NOT-CONNECTED|DATA-STALE)\)$", ex.Message);

        await upsd.RestartAsync(); // upsd picks a restarted driver up slowly; a fresh pair answers at once
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
    }

    [Fact]
    public async Task ReadStatusAsync_should_explain_an_unknown_ups_when_the_name_is_wrong()
    {
        await using var driver = Driver(upsd.Port, ups: "nope");
        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadStatusAsync(CancellationToken.None));
        Assert.Contains($"upsd at 127.0.0.1:{upsd.Port} has no UPS named \"nope\"", ex.Message);
        Assert.EndsWith("(ERR UNKNOWN-UPS)", ex.Message);
    }

    private async Task<DateTimeOffset> VisibleAsync(string status, CancellationToken ct)
    {
        var want = $"VAR {upsd.UpsName} ups.status \"{status}\"";
        while ((await upsd.QueryAsync($"GET VAR {upsd.UpsName} ups.status"))[0] != want)
            await Task.Delay(5, ct);
        return DateTimeOffset.UtcNow;
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
