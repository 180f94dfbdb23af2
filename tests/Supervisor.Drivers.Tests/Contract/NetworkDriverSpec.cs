using System.Diagnostics;
using Supervisor.Drivers.Tests.Nut;

namespace Supervisor.Drivers.Tests.Contract;

/// <summary>
/// What every network driver (NUT, apcupsd, Kasa, Modbus, Shelly) must do when the network or the peer misbehaves:
/// fail with a <see cref="DeviceException"/> that names the device, the endpoint and the fix, drop what it held,
/// and read the device again on the next poll. Each driver's test class inherits this (as each Akka.Persistence
/// journal plugin inherits akka.net's JournalSpec), supplying only its driver, its fake device and the words its
/// messages use.
/// </summary>
public abstract class NetworkDriverSpec
{
    protected const string DeviceId = "dev-a";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    protected abstract IDeviceDriver CreateDriver(string host, int port, TimeSpan timeout, TimeProvider clock);

    /// <summary>A fake device answering <see cref="FakeReply.Healthy"/>; <paramref name="port"/> 0 is a free one.</summary>
    protected abstract IFakeDevice StartDevice(int port = 0);

    /// <summary>Asserts the reading is the one the fake's healthy reply describes.</summary>
    protected abstract void AssertHealthy(Reading reading);

    /// <summary>What a refused connection's message says (the fix for this kind of device included).</summary>
    protected abstract string[] RefusedWords(int port);

    /// <summary>What the message says when no reply came within <paramref name="seconds"/> (as operators write it: "0.5").</summary>
    protected abstract string[] NoReplyWords(int port, string seconds);

    protected abstract string[] GarbageWords(int port);

    protected abstract string[] OversizedWords(int port);

    /// <summary>A host that never resolves (RFC 6761 .invalid).</summary>
    protected abstract string UnresolvableHost { get; }

    /// <summary>
    /// The message says one of these for an unresolvable host: the resolver's refusal, or, when the resolver
    /// cannot answer at all, the driver's timeout.
    /// </summary>
    protected abstract string[] UnresolvableWords { get; }

    /// <summary>The refusal keeps its cause (the socket's or HTTP's exception) for the log.</summary>
    protected virtual void AssertRefusalCause(Exception? inner) => Assert.NotNull(inner);

    private IDeviceDriver Driver(int port, TimeSpan? timeout = null, TimeProvider? clock = null) =>
        CreateDriver("127.0.0.1", port, timeout ?? Timeout, clock ?? TimeProvider.System);

    private static Task<DeviceException> FailsAsync(IDeviceDriver driver, string where, params string[] expected) =>
        DriverAssert.FailsAsync(driver, [where, .. expected]);

    /// <summary>The failure is explained; then, the device healthy again, the next poll reads it on a new connection.</summary>
    private Task AssertFailsThenRecovers(IFakeDevice fake, IDeviceDriver driver, params string[] expected) =>
        DriverAssert.FailsThenRecoversAsync(driver, () => fake.Connections, () => fake.Answer(FakeReply.Healthy), AssertHealthy,
            [$"127.0.0.1:{fake.Port}", .. expected]);

    [Fact]
    public async Task ReadAsync_should_name_the_fix_when_connection_is_refused()
    {
        var port = LoopbackPort.Free(); // nothing listens here
        await using var driver = Driver(port);
        var refused = await FailsAsync(driver, $"127.0.0.1:{port}", ["connection refused", .. RefusedWords(port)]);
        AssertRefusalCause(refused.InnerException);
    }

    [Fact]
    public async Task ReadAsync_should_connect_on_the_very_next_poll_when_earlier_connects_were_refused()
    {
        // No backoff inside a driver: when to retry is the device actor's poll schedule's call alone (issue 9).
        var port = LoopbackPort.Free();
        var clock = new ManualTimeProvider(); // never advanced: no time passes between the polls
        await using var driver = Driver(port, clock: clock);
        for (var i = 0; i < 3; i++) await FailsAsync(driver, $"127.0.0.1:{port}", "connection refused");

        await using var fake = StartDevice(port);
        AssertHealthy(await driver.ReadAsync(CancellationToken.None));
        Assert.Equal(1, fake.Connections);
    }

    [Fact]
    public async Task ReadAsync_should_name_the_host_when_host_does_not_resolve()
    {
        await using var driver = CreateDriver(UnresolvableHost, 3000, TimeSpan.FromSeconds(5), TimeProvider.System);
        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
        Assert.StartsWith($"device \"{DeviceId}\": ", ex.Message);
        Assert.Contains(UnresolvableHost, ex.Message);
        Assert.True(UnresolvableWords.Any(w => ex.Message.Contains(w, StringComparison.Ordinal)), ex.Message);
    }

    [Fact]
    public async Task ReadAsync_should_time_out_within_the_device_timeout_then_reconnect_when_server_never_answers()
    {
        await using var fake = StartDevice();
        await using var driver = Driver(fake.Port, ShortTimeout);
        await Polls.UntilOneSucceedsAsync(driver); // the timeout below is the reply's, not the connect's
        fake.Answer(FakeReply.Silent);
        var clock = Stopwatch.StartNew();
        await AssertFailsThenRecovers(fake, driver, NoReplyWords(fake.Port, "0.5"));
        Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ReadAsync_should_time_out_then_reconnect_when_reply_comes_after_the_timeout()
    {
        await using var fake = StartDevice();
        await using var driver = Driver(fake.Port, ShortTimeout);
        await Polls.UntilOneSucceedsAsync(driver);
        fake.Answer(FakeReply.Healthy, delay: TimeSpan.FromSeconds(2));
        await AssertFailsThenRecovers(fake, driver, NoReplyWords(fake.Port, "0.5"));
    }

    [Fact]
    public async Task ReadAsync_should_read_normally_when_reply_is_slow_but_within_timeout()
    {
        await using var fake = StartDevice();
        fake.Answer(FakeReply.Healthy, delay: TimeSpan.FromMilliseconds(200));
        await using var driver = Driver(fake.Port, TimeSpan.FromSeconds(5));
        AssertHealthy(await driver.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_should_throw_cancellation_not_DeviceException_when_caller_cancels()
    {
        await using var fake = StartDevice();
        fake.Answer(FakeReply.Silent);
        await using var driver = Driver(fake.Port, TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.ReadAsync(cts.Token));
    }

    [Fact]
    public async Task ReadAsync_should_throw_ObjectDisposed_when_driver_is_disposed()
    {
        await using var fake = StartDevice();
        var driver = Driver(fake.Port);
        AssertHealthy(await driver.ReadAsync(CancellationToken.None));
        await driver.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => driver.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_should_be_idempotent_whether_or_not_the_driver_was_used()
    {
        var unused = Driver(LoopbackPort.Free());
        await unused.DisposeAsync();
        await unused.DisposeAsync();

        await using var fake = StartDevice();
        var used = Driver(fake.Port);
        await used.ReadAsync(CancellationToken.None);
        await used.DisposeAsync();
        await used.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => used.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_should_end_a_running_poll_at_once_when_called_during_it()
    {
        await using var fake = StartDevice();
        var driver = Driver(fake.Port, TimeSpan.FromSeconds(30));
        await driver.ReadAsync(CancellationToken.None);
        fake.Answer(FakeReply.Silent);
        var poll = driver.ReadAsync(CancellationToken.None);
        await Task.Delay(300); // the request is out; the driver waits for the reply

        var clock = Stopwatch.StartNew();
        await driver.DisposeAsync().AsTask().WaitAsync(Prompt);
        // The device actor stops with its driver: a poll it no longer wants must not hold a socket until its timeout.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => poll.WaitAsync(Prompt));
        Assert.True(clock.Elapsed < Prompt, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ReadAsync_should_fail_naming_what_came_then_reconnect_when_reply_is_garbage()
    {
        await using var fake = StartDevice();
        fake.Answer(FakeReply.Garbage);
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, GarbageWords(fake.Port));
    }

    [Fact]
    public async Task ReadAsync_should_refuse_to_buffer_at_once_then_reconnect_when_reply_is_oversized()
    {
        await using var fake = StartDevice();
        fake.Answer(FakeReply.Oversized);
        await using var driver = Driver(fake.Port, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        await AssertFailsThenRecovers(fake, driver, OversizedWords(fake.Port));
        Assert.True(clock.Elapsed < Prompt, $"waited {clock.Elapsed} for the rest instead of refusing the reply");
    }
}
