using System.Globalization;
using System.Net.Sockets;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers;

/// <summary>
/// What every network driver (NUT, apcupsd, Kasa, Modbus, Shelly) has in common: the device id, one time budget
/// per poll, the clock, the reconnect backoff, the warnings of the last reading and the
/// <see cref="DeviceException"/> it fails with. Each driver keeps only its protocol and its operator wording.
/// </summary>
public abstract class NetworkDeviceDriver : IDeviceDriver
{
    /// <param name="timeout">Budget for one whole poll (connect, request, reply).</param>
    /// <param name="timeProvider">Clock for reading times and the reconnect backoff (tests pass a manual one).</param>
    protected NetworkDeviceDriver(string deviceId, object options, TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        DeviceId = deviceId;
        Timeout = timeout;
        Clock = timeProvider;
        Backoff = new ConnectBackoff(timeProvider);
    }

    public string DeviceId { get; }

    /// <summary>Problems in the last successful reading that did not fail it (the device actor logs changes).</summary>
    public IReadOnlyList<string> LastWarnings { get; protected set; } = [];

    protected TimeSpan Timeout { get; }
    protected TimeProvider Clock { get; }
    protected ConnectBackoff Backoff { get; }
    protected bool Disposed { get; set; }

    /// <summary>The timeout as operators write it: "2", "0.5".</summary>
    protected string TimeoutSeconds => Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public abstract Task<Reading> ReadAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected DeviceException Fail(string message, Exception? inner = null) => new(DeviceId, message, inner);

    /// <summary>A token for one poll: the caller's, cut off after <see cref="Timeout"/>.</summary>
    protected CancellationTokenSource PollBudget(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        return cts;
    }

    /// <summary>
    /// Opens a connection unless the backoff window is still closed (then fails fast with the last error). A failure
    /// that <paramref name="explain"/> has words for widens the window and becomes a <see cref="DeviceException"/>;
    /// anything else (a bug, or the caller cancelling) is rethrown as is.
    /// </summary>
    /// <param name="peer">What we connect to, as the backoff message names it, e.g. "upsd at 10.0.0.5:3493".</param>
    protected async Task<T> ConnectWithBackoffAsync<T>(string peer, Func<Task<T>> open, Func<Exception, string?> explain, CancellationToken callerCt)
    {
        if (Backoff.Blocked(peer) is { } blocked)
            throw Fail(blocked);
        try
        {
            var connection = await open().ConfigureAwait(false);
            Backoff.Succeeded();
            return connection;
        }
        catch (Exception ex) when (!callerCt.IsCancellationRequested && explain(ex) is { } message)
        {
            Backoff.Failed(message);
            throw ex as DeviceException ?? Fail(message, ex);
        }
    }

    /// <summary>The socket error behind an I/O failure (sockets wrap it in IOException when read through a stream).</summary>
    protected static SocketException? SocketErrorOf(Exception ex) => ex as SocketException ?? ex.InnerException as SocketException;
}
