namespace Supervisor.Drivers.Tests.Nut;

/// <summary>The status watch against <see cref="FakeUpsd"/>: replies a real upsd never sends, and calls that must not overlap.</summary>
public sealed class NutDriverStatusWatchFakeServerTests
{
    private static NutDriver Driver(int port, TimeSpan? timeout = null) =>
        new("ups-a", new NutOptions("127.0.0.1", port, "ups1", null, null), timeout ?? TimeSpan.FromSeconds(2));

    [Fact]
    public async Task ReadStatusAsync_should_refuse_to_run_while_a_poll_is_still_running()
    {
        var listStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fake = new FakeUpsd
        {
            Behaviour = async (command, stream, ct) =>
            {
                if (!command.StartsWith("LIST VAR", StringComparison.Ordinal)) { await FakeUpsd.Healthy()(command, stream, ct); return; }
                listStarted.TrySetResult();
                await Task.Delay(System.Threading.Timeout.Infinite, ct); // the poll hangs
            },
        };
        await using var driver = Driver(fake.Port, timeout: TimeSpan.FromSeconds(1));
        var poll = driver.ReadAsync(CancellationToken.None);
        await listStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => driver.ReadStatusAsync(CancellationToken.None));
        Assert.Contains("called while its previous call was still running", refused.Message);
        await Assert.ThrowsAsync<DeviceException>(() => poll); // times out on its own
        Assert.DoesNotContain(fake.Received, c => c.StartsWith("GET VAR", StringComparison.Ordinal)); // nothing interleaved on the wire
    }

    [Fact]
    public async Task ReadStatusAsync_should_fail_then_reconnect_when_upsd_answers_with_another_variable()
    {
        await using var fake = new FakeUpsd
        {
            Behaviour = (command, stream, ct) => command.StartsWith("GET VAR", StringComparison.Ordinal)
                ? FakeUpsd.Write(stream, ct, "VAR ups1 battery.charge \"97\"")
                : FakeUpsd.Healthy()(command, stream, ct),
        };
        await using var driver = Driver(fake.Port);
        await driver.ReadAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadStatusAsync(CancellationToken.None));
        Assert.Contains($"unexpected reply to GET VAR ups1 ups.status from upsd at 127.0.0.1:{fake.Port}: \"VAR ups1 battery.charge", ex.Message);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
        Assert.Equal(2, fake.Connections); // the failure closed the session; the poll opened a fresh one
    }

    [Fact]
    public async Task ReadStatusAsync_should_close_the_session_when_the_caller_cancels_it()
    {
        await using var fake = new FakeUpsd
        {
            Behaviour = (command, stream, ct) => command.StartsWith("GET VAR", StringComparison.Ordinal)
                ? Task.Delay(System.Threading.Timeout.Infinite, ct)
                : FakeUpsd.Healthy()(command, stream, ct),
        };
        await using var driver = Driver(fake.Port);
        await driver.ReadAsync(CancellationToken.None);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.ReadStatusAsync(cancel.Token));
        // A reply could still be on its way on the old session: the next poll must not read it as its own.
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
        Assert.Equal(2, fake.Connections);
    }
}
