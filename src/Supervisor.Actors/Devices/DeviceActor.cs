using Akka.Actor;
using Akka.Event;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;
using Supervisor.Domain.Text;
using Supervisor.Drivers;

namespace Supervisor.Actors.Devices;

/// <summary>
/// Polls one device through its driver and turns readings into health with the pure
/// <see cref="DeviceHealthRules"/>. Sends a <see cref="DeviceReport"/> to its groups after each poll, and publishes
/// the facts of design §11 on the local event stream: a <see cref="DeviceSampled"/> after each poll and each health
/// change, and a <see cref="DeviceHealthChanged"/> when its own health moves (consumers never slow it: a publish is
/// a mailbox enqueue per subscriber). A failing or garbage-answering device never crashes it: the failure is logged (first time, on a
/// new reason, then every 30 s) and the device keeps being polled, when <see cref="PollSchedule"/> says.
/// </summary>
public sealed partial class DeviceActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan RepeatFailureLogEvery = TimeSpan.FromSeconds(30);
    private const string PollTimer = "poll";
    private const string StaleTimer = "stale";

    private readonly DeviceSettings _settings;
    private readonly Func<DeviceSettings, IDeviceDriver> _driverFactory;
    private readonly TimeProvider _clock;
    private readonly SecretRedactor _redactor;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private IDeviceDriver? _driver;
    private readonly HealthProfiles _profiles;
    private int _failures;
    private string? _lastLoggedFailure;
    private DateTimeOffset _lastFailureLogAt;
    private string _lastWarnings = "";
    private RuntimeEstimatorState _runtimeEstimator = RuntimeEstimatorState.Empty;
    /// <summary>When the on-battery progress line last went out (or the episode began); null on line.</summary>
    private DateTimeOffset? _lastProgressAt;

    public ITimerScheduler Timers { get; set; } = null!;

    public DeviceActor(DeviceSettings settings, Func<DeviceSettings, IDeviceDriver> driverFactory, IReadOnlyList<DeviceListener> listeners, TimeProvider clock,
        SecretRedactor? redactor = null)
    {
        _redactor = redactor ?? SecretRedactor.For(settings);
        _settings = settings;
        _driverFactory = driverFactory;
        _clock = clock;
        _profiles = HealthProfiles.Create(settings, listeners, clock.GetUtcNow());

        Receive<PollNow>(_ => OnPollDue());
        Receive<PollSucceeded>(OnReading);
        Receive<PollFailed>(OnFailure);
        Receive<CheckStaleness>(_ => Update(HealthInput.Tick(_clock.GetUtcNow()), publishUnchanged: false));
        Receive<GetDeviceReport>(ask => Sender.Tell(ask.GroupId is null
            ? Report(_profiles.Own, changed: false) with { BatteryProgress = BatteryProgress.Describe(_profiles.Own.State, _settings.Triggers), OnBatterySince = _profiles.Own.State.OnBatterySince }
            : Report(_profiles.For(ask.GroupId), changed: false)));
        ReceiveStatusWatch();
    }

    /// <param name="listeners">Who gets every <see cref="DeviceReport"/>: the groups this device is a member of, each
    /// with the triggers it judges the device by.</param>
    /// <param name="redactor">Masks configured secrets in what the device sends back (default: this device's own password).</param>
    public static Props Props(DeviceSettings settings, Func<DeviceSettings, IDeviceDriver> driverFactory, IReadOnlyList<DeviceListener> listeners, TimeProvider? clock = null,
        SecretRedactor? redactor = null) =>
        Akka.Actor.Props.Create(() => new DeviceActor(settings, driverFactory, listeners, clock ?? TimeProvider.System, redactor));

    /// <summary>Listeners that all judge the device by its own triggers.</summary>
    public static Props Props(DeviceSettings settings, Func<DeviceSettings, IDeviceDriver> driverFactory, IReadOnlyList<IActorRef> listeners, TimeProvider? clock = null,
        SecretRedactor? redactor = null) =>
        Props(settings, driverFactory, listeners.Select(l => new DeviceListener(l, null, settings.Triggers)).ToList(), clock, redactor);

    protected override void PreStart()
    {
        _driver = _driverFactory(_settings);
        _log.Info("Device {0}: polling with driver {1} every {2}s (stale after {3}s)", _settings.Id, _settings.Driver,
            _settings.PollInterval.TotalSeconds, _settings.StaleAfter.TotalSeconds);
        Self.Tell(PollNow.Instance);
        var check = _settings.PollInterval < TimeSpan.FromSeconds(1) ? _settings.PollInterval : TimeSpan.FromSeconds(1);
        Timers.StartPeriodicTimer(StaleTimer, CheckStaleness.Instance, check);
        StartStatusWatch();
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        var driver = _driver;
        // Dispose in the background: a driver may say goodbye over the network (NUT LOGOUT).
        if (driver is not null) _ = Task.Run(async () => { try { await driver.DisposeAsync(); } catch { /* closing anyway */ } });
        _stopping.Dispose();
    }

    private void Poll()
    {
        _callInFlight = true;
        var id = _settings.Id;
        var redactor = _redactor;
        Task<Reading> poll;
        try
        {
            poll = Diagnostics.SupervisorMeters.TimedRead(_driver!, _settings.Driver, _stopping.Token);
        }
        catch (Exception ex)
        {
            // A driver that throws instead of returning a faulted task is still just a failed poll, never a crashed actor.
            poll = Task.FromException<Reading>(ex);
        }
        // The device's text enters here (status, error replies): a secret it echoes never reaches a report, status or the log.
        poll.PipeTo(Self,
            success: r => new PollSucceeded(r with { RawStatus = redactor.Redact(r.RawStatus) }),
            failure: ex => new PollFailed(redactor.Redact(Describe(id, ex))));
    }

    private static string Describe(string deviceId, Exception ex) => ex switch
    {
        DeviceException d => d.Message,
        OperationCanceledException => $"device \"{deviceId}\": poll cancelled",
        _ => $"device \"{deviceId}\": driver error {ex.GetType().Name}: {ex.Message}",
    };

    private void OnReading(PollSucceeded ok)
    {
        var (reading, estimator, removed) = ReadingIntake.Prepare(_runtimeEstimator, ok.Reading, _settings);
        _runtimeEstimator = estimator;
        // The driver's own warnings (a value it could not parse) and the sanitizer's (a value it could not believe).
        var warnings = _redactor.Redact(removed.Count == 0 ? string.Join("; ", _driver!.LastWarnings) : string.Join("; ", _driver!.LastWarnings.Concat(removed)));
        if (warnings != _lastWarnings && warnings.Length > 0)
            _log.Warning("Device {0}: reading has problems: {1}", _settings.Id, warnings);
        _lastWarnings = warnings;
        if (_failures > 0)
            _log.Info("Device {0}: reading again after {1} failed poll(s)", _settings.Id, _failures);
        _failures = 0;
        _lastLoggedFailure = null;
        OnPollReturned(reading);
        Update(HealthInput.Of(reading), publishUnchanged: true);
        LogBatteryProgress(reading.Time);
        Sample(null);
        ScheduleNextPoll();
    }

    /// <summary>On battery, one line every progress-interval: the log never falls silent between DEGRADED and CRITICAL.</summary>
    private void LogBatteryProgress(DateTimeOffset now)
    {
        var own = _profiles.Own.State;
        if (own.OnBatterySince is null) { _lastProgressAt = null; return; }
        _lastProgressAt ??= own.OnBatterySince; // the transition itself was logged; the first progress line follows one interval later
        if (!BatteryProgress.Due(_lastProgressAt, now, _settings.ProgressInterval)) return;
        _lastProgressAt = now;
        if (BatteryProgress.Describe(own, _settings.Triggers) is { } line) _log.Info("Device {0}: {1}", _settings.Id, line);
    }

    private void OnFailure(PollFailed failed)
    {
        OnPollReturned(null);
        _failures++;
        var now = _clock.GetUtcNow();
        var reasonShape = Digits().Replace(failed.Reason, "#"); // "no reply within 3s" and "… 3.5s" are the same failure
        if (reasonShape != _lastLoggedFailure || now - _lastFailureLogAt >= RepeatFailureLogEvery)
        {
            _log.Warning("Device {0}: poll failed ({1} in a row, next try in {2}s): {3}", _settings.Id, _failures,
                Math.Round(NextPollDelay(now).TotalSeconds, 1), failed.Reason);
            _lastLoggedFailure = reasonShape;
            _lastFailureLogAt = now;
        }
        Update(HealthInput.Failed(failed.Reason, now), publishUnchanged: true);
        Sample(failed.Reason);
        ScheduleNextPoll();
    }

    private void ScheduleNextPoll()
    {
        var now = _clock.GetUtcNow();
        var delay = NextPollDelay(now);
        _nextPollAt = now + delay;
        Timers.StartSingleTimer(PollTimer, PollNow.Instance, delay);
    }

    /// <summary>The pure <see cref="PollSchedule"/> decides: it backs off, but never so far that a success could no longer keep the device fresh.</summary>
    private TimeSpan NextPollDelay(DateTimeOffset now) => PollSchedule.NextDelay(_settings, _failures, _profiles.Own.State.LastReadingAt, now);

    /// <summary>
    /// Applies one event to every trigger profile (one, unless a group overrides triggers). Polls always report
    /// (groups track runtime from them); the 1 s staleness check reports only a change.
    /// </summary>
    private void Update(HealthInput input, bool publishUnchanged)
    {
        var all = _profiles.All;
        for (var i = 0; i < all.Count; i++) // no enumerator: this runs per poll and per tick for every device
        {
            var profile = all[i];
            var before = profile.State;
            var next = profile.State = input.ApplyTo(before, profile.Settings);
            var changed = before.Health != next.Health;
            if (changed)
            {
                // Getting worse is what an operator must see; getting better is routine.
                var level = next.Health == DeviceHealth.Healthy ? Akka.Event.LogLevel.InfoLevel : Akka.Event.LogLevel.WarningLevel;
                _log.Log(level, $"Device {_settings.Id}{profile.Label}: {Upper(before.Health)} -> {Upper(next.Health)} ({next.Assessment.Reason})");
                if (ReferenceEquals(profile, _profiles.Own)) PublishHealthChange(before, next, input);
            }
            else if (next.LastReplyWithoutPowerState is not null && before.LastReplyWithoutPowerState is null && ReferenceEquals(profile, _profiles.Own))
            {
                // Answers, but without a power state (NUT WAIT, a plug whose relay is off): health does not move, so say
                // why once, or the operator sees nothing.
                if (next.Health == DeviceHealth.Unknown)
                    _log.Warning("Device {0}: reads, but stays UNKNOWN: {1}", _settings.Id, next.Assessment.Reason);
                else
                    _log.Warning("Device {0}: {1}", _settings.Id, next.Assessment.Reason);
            }
            if (!changed && !publishUnchanged) continue;
            var report = Report(profile, changed);
            foreach (var listener in profile.Listeners) listener.Tell(report);
        }
    }

    /// <summary>The device's own health moved: one event, and (for a staleness tick, which no poll reports) one sample.</summary>
    private void PublishHealthChange(DeviceHealthState before, DeviceHealthState next, HealthInput input)
    {
        var now = _clock.GetUtcNow();
        Context.System.EventStream.Publish(new DeviceHealthChanged(_settings.Id, before.Health, next.Health, next.Assessment.Reason, next.LastReading, now));
        if (input.Reading is null && input.Failure is null) Sample(null);
    }

    /// <summary>What the history, metrics and live views record of this device now (its own triggers' health).</summary>
    private void Sample(string? pollError)
    {
        var own = _profiles.Own.State;
        Context.System.EventStream.Publish(new DeviceSampled(_settings.Id, _settings.Driver, pollError is null ? own.LastReading : null, own.Health,
            own.Assessment.Reason, pollError, _clock.GetUtcNow()));
    }

    private DeviceReport Report(HealthProfiles.Profile profile, bool changed) =>
        new(_settings.Id, profile.State.Assessment, profile.State.LastReading, _clock.GetUtcNow(), changed);

    /// <summary>One event for the health rules, applied to every profile (a struct: no allocation per poll or tick).</summary>
    private readonly record struct HealthInput(Reading? Reading, string? Failure, DateTimeOffset Now)
    {
        public static HealthInput Of(Reading reading) => new(reading, null, reading.Time);
        public static HealthInput Failed(string reason, DateTimeOffset now) => new(null, reason, now);
        public static HealthInput Tick(DateTimeOffset now) => new(null, null, now);

        public DeviceHealthState ApplyTo(DeviceHealthState state, DeviceSettings settings) =>
            Reading is { } r ? DeviceHealthRules.OnReading(state, r, settings)
            : Failure is { } f ? DeviceHealthRules.OnPollFailed(state, f, Now, settings)
            : DeviceHealthRules.OnTick(state, Now, settings);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    private static string Upper(DeviceHealth h) => h.ToString().ToUpperInvariant();
}
