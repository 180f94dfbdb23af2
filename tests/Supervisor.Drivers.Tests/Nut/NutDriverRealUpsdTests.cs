namespace Supervisor.Drivers.Tests.Nut;

/// <summary>
/// NutDriver against a real upsd 2.8 + dummy-ups. Every test restarts both first: FSD latches in upsd and
/// values set with upsrw live on in dummy-ups, so tests must not see each other's state.
/// </summary>
public sealed class NutDriverRealUpsdTests(UpsdServer upsd, ITestOutputHelper output) : RealServerTests(output), IClassFixture<UpsdServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    protected override Task ResetServerAsync() => upsd.RestartAsync();

    protected override string DrainServerLog() => upsd.DrainLog();

    private NutDriver Driver(string? ups = null, string? user = null, string? password = null, TimeProvider? time = null) =>
        new("ups-real", new NutOptions(upsd.Host, upsd.Port, ups ?? upsd.UpsName, user, password), Timeout, time ?? TimeProvider.System);

    [Fact]
    public async Task ReadAsync_should_return_online_reading_with_charge_and_runtime_when_upsd_reports_OL()
    {
        await using var driver = Driver();
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(("ups-real", true, false, false, false), (r.DeviceId, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal((100, 1800, 23, 230.5, 120), (r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.PowerWatts));
        Assert.Equal("OL", r.RawStatus);
        Assert.Empty(driver.LastWarnings);
    }

    [Fact]
    public async Task ReadAsync_should_show_on_battery_and_low_battery_when_status_flips_to_OB_LB()
    {
        await using var driver = Driver();
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);

        await upsd.SetStatusAsync("OB LB");
        await upsd.SetVarAsync("battery.charge", "8");
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((false, true, true, false), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal(8, r.ChargePercent);
        Assert.Equal("OB LB", r.RawStatus);
    }

    [Fact]
    public async Task ReadAsync_should_show_forced_shutdown_when_primary_sets_FSD()
    {
        await using var driver = Driver();
        await upsd.SetStatusAsync("OB LB");
        await upsd.ForceShutdownAsync();
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.True(r.ForcedShutdown);
        Assert.True(r.OnBattery);
        Assert.Equal("FSD OB LB", r.RawStatus);
    }

    [Fact]
    public async Task ReadAsync_should_explain_unknown_ups_when_name_is_wrong()
    {
        await using var driver = Driver(ups: "nope");
        var ex = await DriverAssert.FailsAsync(driver, Output);
        Assert.Contains($"upsd at 127.0.0.1:{upsd.Port} has no UPS named \"nope\"", ex.Message);
        Assert.Contains($"upsc -l 127.0.0.1:{upsd.Port}", ex.Message);
        Assert.EndsWith("(ERR UNKNOWN-UPS)", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_reconnect_when_upsd_stops_and_starts_again()
    {
        var clock = new ManualTimeProvider(); // never advanced: no backoff window to wait out
        await using var driver = Driver(time: clock);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);

        await upsd.StopUpsdAsync();
        var dropped = await DriverAssert.FailsAsync(driver, Output);      // the kept connection is gone
        Assert.Contains($"upsd at 127.0.0.1:{upsd.Port}", dropped.Message);
        var refused = await DriverAssert.FailsAsync(driver, Output);      // reconnecting finds nobody listening
        Assert.Contains("connection refused", refused.Message);

        await upsd.StartUpsdAsync();
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
    }

    [Fact]
    public async Task ReadAsync_should_explain_missing_driver_when_dummy_ups_stops()
    {
        await using var driver = Driver();
        await upsd.StopDriverAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        DeviceException ex;
        do
        {
            ex = await DriverAssert.FailsAsync(driver, Output);
        } while (!ex.Message.Contains("(ERR ") && DateTime.UtcNow < deadline && await Delay());
        Assert.Matches(@"\(ERR (DRIVER-NOT-CONNECTED|DATA-STALE)\)$", ex.Message);
        Assert.Contains("check the driver's log", ex.Message);
    }

    [Theory]
    [InlineData(UpsdServer.AdminUser, UpsdServer.AdminPassword)]
    [InlineData(UpsdServer.MonitorUser, UpsdServer.MonitorPassword)]
    public async Task ReadAsync_should_log_in_without_staying_counted_when_credentials_are_right(string user, string password)
    {
        await using var driver = Driver(user: user, password: password);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
        // The LOGIN probe logged out again: a primary upsmon must not wait for us at shutdown.
        Assert.Equal($"NUMLOGINS {upsd.UpsName} 0", (await upsd.QueryAsync($"GET NUMLOGINS {upsd.UpsName}"))[0]);
    }

    [Theory]
    [InlineData(UpsdServer.AdminUser, "wrong-pass")]
    [InlineData("nobody", "wrong-pass")]
    public async Task ReadAsync_should_explain_denied_login_without_password_when_credentials_are_wrong(string user, string password)
    {
        await using var driver = Driver(user: user, password: password);
        var ex = await DriverAssert.FailsAsync(driver, Output);
        Assert.Contains($"upsd at 127.0.0.1:{upsd.Port} denied LOGIN ups1 for user \"{user}\": wrong password", ex.Message);
        Assert.EndsWith("(ERR ACCESS-DENIED)", ex.Message);
        Assert.DoesNotContain(password, ex.ToString());
    }

    [Fact]
    public async Task ReadAsync_should_fail_clearly_and_send_no_password_when_tls_is_starttls_and_upsd_has_no_certificate()
    {
        await using var relay = new RecordingTcpProxy(upsd.Host, upsd.Port);
        var options = new NutOptions(upsd.Host, relay.Port, upsd.UpsName, UpsdServer.MonitorUser, UpsdServer.MonitorPassword)
            { Tls = new NutTlsSettings(NutTlsMode.StartTls, null, true, null) };
        await using var driver = new NutDriver("ups-real", options, Timeout);

        var ex = await DriverAssert.FailsAsync(driver, Output);

        Assert.Contains($"upsd at 127.0.0.1:{relay.Port} has no TLS configured (STARTTLS answered ERR FEATURE-NOT-CONFIGURED); " +
                        "give upsd a certificate (upsd.conf CERTFILE, or CERTPATH + CERTIDENT for an NSS build)", ex.Message);
        Assert.Contains("set tls = off in supervisor.devices.ups-real", ex.Message);
        Assert.Equal("STARTTLS\n", relay.ClientBytes); // refused TLS: nothing else went out, above all no password
    }

    [Fact]
    public async Task UpsdServer_should_fail_with_install_hint_when_NUT_is_missing()
    {
        using var missing = new UpsdServer("/nonexistent/nut");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(missing.InitializeAsync);
        Assert.Equal("NUT is not installed: run scripts/install-test-deps.sh", ex.Message);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
