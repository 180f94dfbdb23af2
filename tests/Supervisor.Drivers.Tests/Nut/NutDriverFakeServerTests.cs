namespace Supervisor.Drivers.Tests.Nut;

/// <summary>Driver failure handling against <see cref="FakeUpsd"/>: each failure is explained, then the driver recovers.</summary>
public sealed class NutDriverFakeServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static NutDriver Driver(int port, TimeSpan? timeout = null, string? user = null, string? password = null) =>
        new("ups-a", new NutOptions("127.0.0.1", port, "ups1", user, password), timeout ?? Timeout);

    /// <summary>Asserts the failure names the device and the problem, then that a healthy server is read again on a new connection.</summary>
    private static Task AssertFailsThenRecovers(FakeUpsd fake, NutDriver driver, params string[] expected) =>
        DriverAssert.FailsThenRecoversAsync(driver, () => fake.Connections, () => fake.Behaviour = FakeUpsd.Healthy(), r => Assert.True(r.OnLine), expected);

    [Fact]
    public async Task ReadAsync_should_keep_one_connection_when_polled_repeatedly()
    {
        await using var fake = new FakeUpsd();
        await using var driver = Driver(fake.Port);
        for (var i = 0; i < 3; i++)
        {
            var reading = await driver.ReadAsync(CancellationToken.None);
            Assert.Equal(97, reading.ChargePercent);
        }
        Assert.Equal(1, fake.Connections);
    }

    [Fact]
    public async Task ReadAsync_should_explain_error_then_reconnect_when_upsd_replies_ERR()
    {
        await using var fake = new FakeUpsd { Behaviour = FakeUpsd.OnList("ERR DATA-STALE\n") };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "stale data", "ERR DATA-STALE", "UPS \"ups1\"");
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_reconnect_when_connection_drops_mid_list()
    {
        var partial = "BEGIN LIST VAR ups1\nVAR ups1 battery.charge \"97\"\nVAR ups1 ups.sta";
        await using var fake = new FakeUpsd { Behaviour = FakeUpsd.OnList(partial, thenClose: true) };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "closed the connection", "LIST VAR ups1");
    }

    [Fact]
    public async Task ReadAsync_should_refuse_to_buffer_when_list_has_too_many_vars()
    {
        var lines = Enumerable.Range(0, 10_001).Select(i => $"VAR ups1 x.v{i} \"{i}\"\n");
        await using var fake = new FakeUpsd { Behaviour = FakeUpsd.OnList("BEGIN LIST VAR ups1\n" + string.Concat(lines)) };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "more than 10000 variables");
    }

    [Fact]
    public async Task ReadAsync_should_name_the_problem_when_ups_status_is_missing()
    {
        await using var fake = new FakeUpsd { Behaviour = FakeUpsd.OnList("BEGIN LIST VAR ups1\nVAR ups1 battery.charge \"5\"\nEND LIST VAR ups1\n") };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "upsd returned no ups.status for ups1");
    }

    [Fact]
    public async Task ReadAsync_should_not_reveal_password_when_login_is_denied()
    {
        await using var fake = new FakeUpsd
        {
            Behaviour = (cmd, s, ct) => cmd.StartsWith("LOGIN", StringComparison.Ordinal)
                ? FakeUpsd.Write(s, ct, "ERR ACCESS-DENIED") : FakeUpsd.Healthy()(cmd, s, ct),
        };
        await using var driver = Driver(fake.Port, user: "mon", password: "hunter2 \"q\"");
        var ex = await DriverAssert.FailsAsync(driver, "user \"mon\"", "ERR ACCESS-DENIED");
        Assert.DoesNotContain("hunter2", ex.ToString());
        Assert.Contains("PASSWORD \"hunter2 \\\"q\\\"\"", fake.Received);
    }

    [Fact]
    public async Task DisposeAsync_should_send_LOGOUT_when_connected()
    {
        var fake = new FakeUpsd();
        await using (fake)
        {
            var driver = Driver(fake.Port);
            await driver.ReadAsync(CancellationToken.None);
            await driver.DisposeAsync();
            await WaitUntil(() => fake.Received.Contains("LOGOUT"));
            await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.ReadAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task DisposeAsync_should_not_send_LOGOUT_over_a_poll_it_cuts_short()
    {
        // LOGOUT on the connection a poll still reads from would interleave the two replies.
        await using var fake = new FakeUpsd();
        var driver = Driver(fake.Port, timeout: TimeSpan.FromSeconds(30));
        await driver.ReadAsync(CancellationToken.None);
        fake.ReplyDelay = System.Threading.Timeout.InfiniteTimeSpan;
        var poll = driver.ReadAsync(CancellationToken.None);
        await WaitUntil(() => fake.Received.Count(c => c == "LIST VAR ups1") == 2);

        await driver.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => poll);
        await Task.Delay(200);
        Assert.DoesNotContain("LOGOUT", fake.Received);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition());
    }
}
