namespace Supervisor.Drivers.Tests.Apcupsd;

/// <summary>Driver failure handling against <see cref="FakeNis"/>: each failure is explained, then the driver recovers.</summary>
public sealed class ApcupsdDriverFakeServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static ApcupsdDriver Driver(int port, TimeSpan? timeout = null) =>
        new("ups-a", new ApcupsdOptions("127.0.0.1", port), timeout ?? Timeout);

    /// <summary>Asserts the failure names the device, the endpoint and the problem, then that a healthy server is read again.</summary>
    private static Task AssertFailsThenRecovers(FakeNis fake, ApcupsdDriver driver, params string[] expected) =>
        DriverAssert.FailsThenRecoversAsync(driver, () => fake.Connections, () => fake.Behaviour = FakeNis.Status(FakeNis.RealStatus),
            r => Assert.True(r.OnLine), [$"127.0.0.1:{fake.Port}", .. expected]);

    [Fact]
    public async Task ReadAsync_should_map_every_field_when_reply_is_a_real_apcupsd_status()
    {
        await using var fake = new FakeNis();
        await using var driver = Driver(fake.Port);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(("ups-a", true, false, false, false), (r.DeviceId, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal((100, 1200, 25, 230, 50), (r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.FrequencyHz));
        Assert.Equal(245, r.PowerWatts); // NOMPOWER 980 W x 25 %
        Assert.Equal("ONLINE", r.RawStatus);
        Assert.Empty(driver.LastWarnings);
        Assert.Equal(["status"], fake.Received);
    }

    [Fact]
    public async Task ReadAsync_should_open_a_new_connection_when_polled_repeatedly()
    {
        await using var fake = new FakeNis();
        await using var driver = Driver(fake.Port);
        for (var i = 0; i < 3; i++) await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(3, fake.Connections);
    }

    [Fact]
    public async Task ReadAsync_should_fail_with_lost_contact_then_recover_when_status_is_COMMLOST()
    {
        await using var fake = new FakeNis { Behaviour = FakeNis.With("STATUS   : COMMLOST ") };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "apcupsd has lost contact with the UPS", "COMMLOST", "cable");
    }

    [Fact]
    public async Task ReadAsync_should_report_unknown_value_and_warn_when_number_is_unparseable()
    {
        await using var fake = new FakeNis { Behaviour = FakeNis.With("BCHARGE  : N/A", "TIMELEFT : 20.0 Seconds") };
        await using var driver = Driver(fake.Port);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((true, null, null, 25.0), (r.OnLine, r.ChargePercent, r.RuntimeSeconds, r.LoadPercent));
        Assert.Equal(2, driver.LastWarnings.Count);
        Assert.Contains(driver.LastWarnings, w => w.Contains("BCHARGE is not a number: \"N/A\""));
        Assert.Contains(driver.LastWarnings, w => w.Contains("TIMELEFT is in \"Seconds\", not Minutes"));
    }

    [Fact]
    public async Task ReadAsync_should_refuse_to_buffer_when_reply_has_too_many_records()
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"X{i:D4}    : {i}").ToArray();
        await using var fake = new FakeNis { Behaviour = FakeNis.Status(lines) };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "more than 256 records");
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_recover_when_connection_drops_mid_record()
    {
        var full = FakeNis.Frame(FakeNis.RealStatus);
        await using var fake = new FakeNis { Behaviour = FakeNis.Raw(full[..(full.Length / 2)], thenClose: true) };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "closed the connection in the middle of the status reply", "was apcupsd restarted");
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_recover_when_connection_closes_before_any_reply()
    {
        await using var fake = new FakeNis { Behaviour = FakeNis.Raw([], thenClose: true) };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "closed the connection without replying", "hosts.allow");
    }

    [Fact]
    public async Task ReadAsync_should_time_out_when_server_trickles_an_endless_reply()
    {
        // Valid records forever, one every 50 ms: the poll's single deadline still ends it.
        await using var fake = new FakeNis
        {
            Behaviour = async (_, s, ct) =>
            {
                for (var i = 0; i < 200; i++)
                {
                    await s.WriteAsync(FakeNis.Frame("X        : 1")[..^2], ct);
                    await Task.Delay(50, ct);
                }
            },
        };
        await using var driver = Driver(fake.Port, timeout: TimeSpan.FromMilliseconds(400));
        await AssertFailsThenRecovers(fake, driver, "within 0.4s");
    }

    [Fact]
    public async Task ReadAsync_should_name_the_problem_when_reply_is_not_a_status()
    {
        await using var fake = new FakeNis { Behaviour = FakeNis.Status("Invalid command") };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "no STATUS line", "\"Invalid command\"");
    }
}
