using Akka.Actor;
using Akka.Event;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;
using Supervisor.Drivers;

namespace Supervisor.Actors.Devices;

/// <summary>
/// The status watch (issue 9 part E): between full polls, a driver that can (<see cref="IStatusWatchingDriver"/>: NUT,
/// apcupsd) reads the status alone every <c>status-interval</c>. A change that health can judge is judged at once
/// (FSD or OB LB makes the device CRITICAL right there) and polled in full at once. The decisions are the pure
/// <see cref="StatusWatch"/>'s; this part only keeps the driver to one call at a time:
/// <list type="bullet">
/// <item>a watch tick while a poll or a watch is in flight is skipped (the poll reads the status itself);</item>
/// <item>a poll that falls due while a watch is in flight cancels the watch and starts as soon as it has returned,
/// so a slow watch never delays a poll (<see cref="PollSchedule"/>'s freshness guarantee counts on polls starting on time);</item>
/// <item>a failed watch changes no health and no failure count; it pauses the watch until a poll answers.</item>
/// </list>
/// </summary>
public sealed partial class DeviceActor
{
    private const string StatusTimer = "status-watch";

    private IStatusWatchingDriver? _statusDriver;
    private bool _callInFlight;
    private bool _pollPending;
    private bool _watchPaused;
    private CancellationTokenSource? _watchCancel;
    private string? _knownStatus;
    private Reading? _lastFullReading;
    private DateTimeOffset _nextPollAt;
    private string? _lastWatchFailure;
    private DateTimeOffset _lastWatchFailureLogAt;

    private void ReceiveStatusWatch()
    {
        Receive<WatchStatus>(_ => OnWatchTick());
        Receive<StatusRead>(OnStatusRead);
        Receive<StatusReadFailed>(OnStatusReadFailed);
    }

    private void StartStatusWatch()
    {
        _statusDriver = _driver as IStatusWatchingDriver;
        if (_statusDriver is null || _settings.StatusInterval is not { } interval) return;
        _log.Info("Device {0}: watching the status every {1}ms between polls", _settings.Id, interval.TotalMilliseconds);
        Timers.StartPeriodicTimer(StatusTimer, WatchStatus.Instance, interval);
    }

    /// <summary>The poll timer fired (or a poll was asked for): start it, unless a watch still holds the driver.</summary>
    private void OnPollDue()
    {
        if (!_callInFlight)
        {
            Poll();
            return;
        }
        _pollPending = true;
        _watchCancel?.Cancel(); // no-op while a poll itself is in flight: then there is no watch to cancel
    }

    /// <summary>A full poll finished: the driver is free, and its status is the one the watch compares with.</summary>
    private void OnPollReturned(Reading? reading)
    {
        _callInFlight = false;
        _pollPending = false;
        if (reading is null) return;
        _knownStatus = reading.RawStatus;
        _lastFullReading = reading;
        _watchPaused = false;
    }

    private void OnWatchTick()
    {
        var now = _clock.GetUtcNow();
        var at = new WatchContext(_callInFlight, _watchPaused, _failures, _knownStatus, _nextPollAt);
        if (_statusDriver is not { } driver || !StatusWatch.ShouldRead(_settings, at, now)) return;

        _callInFlight = true;
        var cancel = _watchCancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var id = _settings.Id;
        var redactor = _redactor;
        Task<StatusProbe> read;
        try
        {
            read = driver.ReadStatusAsync(cancel.Token);
        }
        catch (Exception ex)
        {
            read = Task.FromException<StatusProbe>(ex);
        }
        read.PipeTo(Self,
            success: p => new StatusRead(p with
            {
                RawStatus = redactor.Redact(p.RawStatus),
                Full = p.Full is { } full ? full with { RawStatus = redactor.Redact(full.RawStatus) } : null,
            }),
            // Cancelled by a poll that fell due: not a failure of the watch.
            failure: ex => new StatusReadFailed(redactor.Redact(Describe(id, ex)), ForPoll: ex is OperationCanceledException && cancel.IsCancellationRequested));
    }

    private void OnStatusRead(StatusRead read)
    {
        var probe = read.Probe;
        var change = StatusWatch.Judge(_knownStatus, probe);
        var before = _knownStatus;
        EndWatchCall();
        _knownStatus = probe.RawStatus;
        if (change != StatusChange.Act || _lastFullReading is not { } lastFull)
        {
            RunPendingPoll();
            return;
        }

        _log.Info("Device {0}: status {1} -> {2} between polls (status watch); judging it now and polling in full", _settings.Id, before, probe.RawStatus);
        if (probe.Full is { } full)
        {
            // apcupsd: the watch's reply is a whole status, so it is the poll.
            OnReading(new PollSucceeded(full));
            return;
        }
        Update(HealthInput.Of(StatusWatch.ToReading(lastFull, probe)), publishUnchanged: false);
        Timers.Cancel(PollTimer);
        _pollPending = false;
        Poll();
    }

    private void OnStatusReadFailed(StatusReadFailed failed)
    {
        EndWatchCall();
        if (!failed.ForPoll)
        {
            // Not a failed poll: health, failure count and schedule stay as they are. The next poll tells.
            _watchPaused = true;
            var now = _clock.GetUtcNow();
            var shape = Digits().Replace(failed.Reason, "#");
            if (shape != _lastWatchFailure || now - _lastWatchFailureLogAt >= RepeatFailureLogEvery)
            {
                _log.Warning("Device {0}: status watch paused until the next poll answers (this is not a failed poll): {1}", _settings.Id, failed.Reason);
                _lastWatchFailure = shape;
                _lastWatchFailureLogAt = now;
            }
        }
        RunPendingPoll();
    }

    private void EndWatchCall()
    {
        _callInFlight = false;
        _watchCancel?.Dispose();
        _watchCancel = null;
    }

    private void RunPendingPoll()
    {
        if (!_pollPending) return;
        _pollPending = false;
        Poll();
    }
}

/// <summary>Device actor internal: the status-watch timer.</summary>
internal sealed record WatchStatus
{
    public static WatchStatus Instance { get; } = new();
}

/// <summary>Device actor internal: a status read by the watch.</summary>
internal sealed record StatusRead(StatusProbe Probe);

/// <summary>Device actor internal: the watch could not read the status (<paramref name="ForPoll"/>: cancelled for a poll that fell due).</summary>
internal sealed record StatusReadFailed(string Reason, bool ForPoll);
