namespace Supervisor.Actors.Tests.Devices;

/// <summary>The fake driver ignores its options; any <see cref="DriverOptions"/> will do.</summary>
public sealed record FakeDriverOptions : DriverOptions;

/// <summary>
/// A driver whose next answers a test scripts while the actor runs: a reading, a thrown exception
/// (asynchronously, like an async driver, or synchronously, like a plain Task-returning one) or a poll
/// that hangs until the actor cancels it; and the same for status reads (<see cref="IStatusWatchingDriver"/>, used only
/// when the settings give a status-interval). Counts polls and status reads, and watches that no two calls overlap.
/// </summary>
public sealed class FakeDeviceDriver(string deviceId) : IStatusWatchingDriver
{
    private volatile Func<CancellationToken, Task<Reading>> _next = _ => Task.FromResult(OnLineReading(deviceId));
    private volatile Func<CancellationToken, Task<StatusProbe>> _nextStatus = _ => Task.FromResult(Probe("OL"));
    private int _statusReads;
    private volatile IReadOnlyList<string> _warnings = [];
    private int _polls;
    private int _inFlight;
    private int _maxInFlight;

    public string DeviceId { get; } = deviceId;
    public int Polls => Volatile.Read(ref _polls);
    public int StatusReads => Volatile.Read(ref _statusReads);
    /// <summary>Most calls (polls and status reads together) ever in flight at once.</summary>
    public int MaxConcurrentPolls => Volatile.Read(ref _maxInFlight);
    public IReadOnlyList<string> LastWarnings => _warnings;
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource StatusReadCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The status watch sees <paramref name="status"/> (NUT words), optionally with a whole reading (apcupsd).</summary>
    public void AnswerStatusRead(string status, Reading? full = null) => _nextStatus = _ => Task.FromResult(Probe(status) with { Full = full });

    public void FailStatusRead(Exception ex) => _nextStatus = _ => Task.FromException<StatusProbe>(ex);

    /// <summary>A status read that never answers; it ends only when the actor cancels it.</summary>
    public void HangStatusRead() => _nextStatus = async ct =>
    {
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { StatusReadCancelled.TrySetResult(); throw; }
        throw new InvalidOperationException("unreachable");
    };

    public Task<StatusProbe> ReadStatusAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _statusReads);
        InterlockedMax(ref _maxInFlight, Interlocked.Increment(ref _inFlight));
        return Track(_nextStatus(cancellationToken));
    }

    private static StatusProbe Probe(string status)
    {
        var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new StatusProbe(DateTimeOffset.UtcNow, status, words.Contains("OL"), words.Contains("OB"), words.Contains("LB"), words.Contains("FSD"));
    }

    public void AnswerOnLine() => _next = _ => Task.FromResult(OnLineReading(DeviceId));

    public void AnswerOnBattery(double charge = 90, double runtimeSeconds = 1800) =>
        _next = _ => Task.FromResult(new Reading(DeviceId, DateTimeOffset.UtcNow, false, true, false, false, charge, runtimeSeconds, 30, 0, 250, "OB"));

    /// <summary>Exactly this reading, every poll.</summary>
    public void Answer(Reading reading) => _next = _ => Task.FromResult(reading);

    /// <summary>A UPS reply whose status says neither on line nor on battery (NUT WAIT, an empty status).</summary>
    public void AnswerStatus(string status) =>
        _next = _ => Task.FromResult(new Reading(DeviceId, DateTimeOffset.UtcNow, false, false, false, false, 100, 3600, 30, 230, 250, status));

    /// <summary>A plug reading: measurements only, relay as given.</summary>
    public void AnswerPlug(double watts, bool relayOn) =>
        _next = _ => Task.FromResult(new Reading(DeviceId, DateTimeOffset.UtcNow, true, false, false, false, null, null, null, 230, watts, "") { RelayOn = relayOn });

    /// <summary>Fails the returned task, as an <c>async</c> driver does.</summary>
    public void Fail(Exception ex) => _next = _ => Task.FromException<Reading>(ex);

    /// <summary>Throws from ReadAsync itself, before any task exists (a non-async driver method).</summary>
    public void ThrowSynchronously(Exception ex) => _next = _ => throw ex;

    /// <summary>Never answers; the poll ends only when the actor cancels its token.</summary>
    public void Hang() => _next = async ct =>
    {
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { Cancelled.TrySetResult(); throw; }
        throw new InvalidOperationException("unreachable");
    };

    public void Warn(params string[] warnings) => _warnings = warnings;

    /// <summary>Not async itself, so that <see cref="ThrowSynchronously"/> really throws to the caller.</summary>
    public Task<Reading> ReadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _polls);
        InterlockedMax(ref _maxInFlight, Interlocked.Increment(ref _inFlight));
        Task<Reading> answer;
        try { answer = _next(cancellationToken); }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            throw;
        }
        return Track(answer);
    }

    private async Task<T> Track<T>(Task<T> answer)
    {
        try { return await answer; }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    public ValueTask DisposeAsync()
    {
        Disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    public static Reading OnLineReading(string deviceId) =>
        new(deviceId, DateTimeOffset.UtcNow, true, false, false, false, 100, 3600, 30, 230, 250, "OL");

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
