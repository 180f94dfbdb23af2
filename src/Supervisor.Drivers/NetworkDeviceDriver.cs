using System.Globalization;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers;

/// <summary>
/// What every network driver (NUT, apcupsd, Kasa, Modbus, Shelly) has in common: the device id, one time budget
/// per poll, the clock, the warnings of the last reading and the <see cref="DeviceException"/> it fails with. Each
/// driver keeps only its protocol and its operator wording.
/// <para>
/// Drivers deliberately have no reconnect backoff: a driver that failed fast "inside its window" without trying
/// could waste the poll that would have kept its device fresh. When to try again is decided in one place, the
/// device actor's <c>PollSchedule</c> (Supervisor.Domain), which backs off without ever costing a device its freshness.
/// </para>
/// </summary>
public abstract class NetworkDeviceDriver : IDeviceDriver
{
    /// <param name="timeout">Budget for one whole poll (connect, request, reply).</param>
    /// <param name="timeProvider">Clock for reading times (tests pass a manual one).</param>
    protected NetworkDeviceDriver(string deviceId, object options, TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        DeviceId = deviceId;
        Timeout = timeout;
        Clock = timeProvider;
    }

    public string DeviceId { get; }

    /// <summary>Problems in the last successful reading that did not fail it (the device actor logs changes).</summary>
    public IReadOnlyList<string> LastWarnings { get; protected set; } = [];

    /// <summary>The device's own variables behind the last successful reading (<c>report --raw</c>); empty when the protocol has none.</summary>
    public IReadOnlyDictionary<string, string> LastVariables { get; protected set; } = IDeviceDriver.EmptyVariables;

    protected TimeSpan Timeout { get; }
    protected TimeProvider Clock { get; }

    private volatile bool _disposed;
    // Cancelled on dispose: a call still running ends then, not at its timeout. Never disposed: it holds no timer.
    private readonly CancellationTokenSource _disposing = new();

    protected bool Disposed => _disposed;

    /// <summary>The timeout as operators write it: "2", "0.5".</summary>
    protected string TimeoutSeconds => Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public abstract Task<Reading> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Idempotent. A call still running is cut short and ends in <see cref="ObjectDisposedException"/>: the device actor
    /// stops with its driver, and a poll nobody waits for must not hold a socket until its timeout.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _disposing.CancelAsync().ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Closes what the driver keeps between calls (once, on dispose); nothing by default.</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    protected DeviceException Fail(string message, Exception? inner = null) => new(DeviceId, message, inner);

    private int _callsInFlight;

    /// <summary>True while a call <see cref="EnterCall"/> marked runs (a dispose must not talk over it).</summary>
    protected bool CallInFlight => Volatile.Read(ref _callsInFlight) != 0;

    /// <summary>
    /// Marks one call (a poll or a status read) as running until disposed. A second call while one runs is a caller
    /// bug: the two would interleave requests and replies on one connection. It is refused, not queued, so the bug
    /// shows (the device actor never does it: it keeps one call in flight at a time).
    /// </summary>
    protected OneCallAtATime EnterCall()
    {
        if (Interlocked.Exchange(ref _callsInFlight, 1) != 0)
            throw new InvalidOperationException($"device \"{DeviceId}\": the driver was called while its previous call was still running; calls must not overlap");
        return new OneCallAtATime(this);
    }

    /// <summary>Ends the call <see cref="EnterCall"/> started.</summary>
    protected readonly struct OneCallAtATime(NetworkDeviceDriver driver) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref driver._callsInFlight, 0);
    }

    /// <summary>
    /// Runs one call (a poll or a status read; connecting included, on every call that needs it: see the class remarks
    /// for why there is no backoff here) with one budget: the caller's token, cut off after <see cref="Timeout"/> or
    /// by dispose. On any failure <paramref name="afterFailure"/> runs first (drop the connection: its protocol state
    /// is unknown now). A failure <paramref name="explain"/> has words for becomes a <see cref="DeviceException"/>;
    /// a <see cref="DeviceException"/> and the caller's own cancellation propagate as they are, and so does anything
    /// else (a bug); a call dispose cut short ends in <see cref="ObjectDisposedException"/>.
    /// </summary>
    protected async Task<T> RunCallAsync<T>(
        Func<CancellationToken, Task<T>> call, Func<Exception, string?> explain, Action? afterFailure, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        budget.CancelAfter(Timeout);
        try
        {
            return await call(budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // After a dispose, what the driver held is closed by it; a reset here would open what nobody closes.
            if (_disposed) throw new ObjectDisposedException($"device \"{DeviceId}\": the driver was disposed while a call was running", ex);
            afterFailure?.Invoke();
            if (ex is DeviceException || cancellationToken.IsCancellationRequested || explain(ex) is not { } message) throw;
            throw Fail(message, ex);
        }
    }
}
