using System.Globalization;
using System.Net.Sockets;
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

    protected TimeSpan Timeout { get; }
    protected TimeProvider Clock { get; }
    protected bool Disposed { get; set; }

    /// <summary>The timeout as operators write it: "2", "0.5".</summary>
    protected string TimeoutSeconds => Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public abstract Task<Reading> ReadAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected DeviceException Fail(string message, Exception? inner = null) => new(DeviceId, message, inner);

    private int _callsInFlight;

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

    /// <summary>A token for one poll: the caller's, cut off after <see cref="Timeout"/>.</summary>
    protected CancellationTokenSource PollBudget(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        return cts;
    }

    /// <summary>
    /// Opens a connection, on every call (see the class remarks for why there is no backoff here). A failure that
    /// <paramref name="explain"/> has words for becomes a <see cref="DeviceException"/>; anything else (a bug, or the
    /// caller cancelling) is rethrown as is.
    /// </summary>
    protected async Task<T> OpenConnectionAsync<T>(Func<Task<T>> open, Func<Exception, string?> explain, CancellationToken callerCt)
    {
        try
        {
            return await open().ConfigureAwait(false);
        }
        catch (Exception ex) when (!callerCt.IsCancellationRequested && explain(ex) is { } message)
        {
            throw ex as DeviceException ?? Fail(message, ex);
        }
    }

    /// <summary>The socket error behind an I/O failure (sockets wrap it in IOException when read through a stream).</summary>
    protected static SocketException? SocketErrorOf(Exception ex) => ex as SocketException ?? ex.InnerException as SocketException;
}
