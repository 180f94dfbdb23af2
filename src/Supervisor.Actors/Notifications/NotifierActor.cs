using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Actors.Notifications;

/// <summary>
/// Tells people (issue 12): hears every fact of the cluster on its local event stream (the fact bridge brings other
/// nodes' facts), asks the planner what to tell whom, journals each notification before sending it, sends each
/// channel's queue in order through its <see cref="INotificationChannel"/>, and journals the outcome. A thin wrapper of
/// <see cref="OutboxRules"/>. Runs once per cluster (a singleton on the supervisor role): after a fail-over the new
/// instance replays the outbox and sends what was not marked sent, under the same ids, so a receiver that keys on
/// them (webhook-id, Message-Id) sees it once. Sending never touches a device, a group or a saga: a dead channel
/// only grows its own queue.
/// </summary>
public sealed partial class NotifierActor : ReceivePersistentActor, IWithTimers
{
    public const string PersistenceIdValue = "notifier";

    /// <summary>
    /// Local actors that replay their recent facts on <see cref="FactReplayRequested"/>: the alerts singleton's proxy
    /// (it buffers until it finds the singleton, wherever and whenever that runs). Absent without alert rules: then no one is asked.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultReplaySources = ["/user/" + Domain.ClusterNames.Alerts.SingletonProxy];
    private static readonly TimeSpan PlannerTick = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyDictionary<string, INotificationChannel> _channels;
    private readonly INotificationPlanner _planner;
    private readonly OutboxRetryPolicy _retry;
    private readonly TimeSpan _sendTimeout;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _sending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failingChannels = new(StringComparer.Ordinal);
    private OutboxState _state = OutboxState.Empty;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId => PersistenceIdValue;

    private sealed record AttemptEnded(DueDelivery Delivery, DeliveryOutcome Outcome);
    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    public NotifierActor(IReadOnlyDictionary<string, INotificationChannel> channels, INotificationPlanner planner, OutboxRetryPolicy retry,
        TimeSpan sendTimeout, TimeProvider clock)
    {
        _channels = channels;
        _planner = planner;
        _retry = retry;
        _sendTimeout = sendTimeout;
        _clock = clock;

        Recover<OutboxEvent>(e => _state = OutboxRules.Apply(_state, e));
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<FleetEvent>(OnFact);
        Command<AttemptEnded>(OnAttemptEnded);
        Command<Tick>(_ => OnTick());
        Command<GetOutboxStatus>(_ => Sender.Tell(Status()));
        Command<NotifyTestRequest>(OnNotifyTest);
        Command<ActorIdentity>(OnReplaySourceFound);
    }

    public static Props Props(IReadOnlyDictionary<string, INotificationChannel> channels, INotificationPlanner planner, OutboxRetryPolicy retry,
        TimeSpan sendTimeout, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new NotifierActor(channels, planner, retry, sendTimeout, clock ?? TimeProvider.System));

    protected override void PreStart()
    {
        base.PreStart();
        Context.System.EventStream.Subscribe(Self, typeof(FleetEvent));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private void OnRecovered()
    {
        var unknown = _state.Channels.Keys.Where(c => !_channels.ContainsKey(c)).ToList();
        _log.Info("Notifier: {0} channel(s) [{1}]; outbox holds {2} delivery(ies) from before{3}", _channels.Count,
            string.Join(", ", _channels.Keys), _state.Depth,
            unknown.Count == 0 ? "" : $"; queued for channels no longer configured, dropped: {string.Join(", ", unknown)}");
        Timers.StartPeriodicTimer("tick", Tick.Instance, PlannerTick);
        AskForReplay();
        Pump();
    }

    /// <summary>
    /// Subscribed and recovered: now ask the journaled publishers for their recent facts. One that recovered before this
    /// notifier subscribed published them to no notifier; asking from here, after subscribing, closes that gap whichever
    /// of the two starts first (when the publisher is later, its own recovery publishes them to us).
    /// </summary>
    private void AskForReplay()
    {
        foreach (var path in DefaultReplaySources) Context.ActorSelection(path).Tell(new Identify(path));
    }

    private void OnReplaySourceFound(ActorIdentity found)
    {
        if (found.Subject is not { } source) return; // not on this node (no alert rules): nothing to replay
        _log.Debug("Notifier: asking {0} for its recent facts", found.MessageId);
        source.Tell(FactReplayRequested.Instance);
    }

    private void OnFact(FleetEvent fact)
    {
        foreach (var offer in _planner.Offer(fact, _clock.GetUtcNow())) Enqueue(offer);
    }

    private void OnTick()
    {
        foreach (var offer in _planner.Due(_clock.GetUtcNow())) Enqueue(offer);
        Pump();
    }

    private void Enqueue(NotificationOffer offer)
    {
        var channels = offer.Channels.Where(_channels.ContainsKey).ToList();
        switch (OutboxRules.DecideEnqueue(_state, offer.Notification, channels, offer.Conditions, _clock.GetUtcNow()))
        {
            case EnqueueDecision.Queue q:
                Persist(q.Event, e =>
                {
                    _state = OutboxRules.Apply(_state, e);
                    if (e.Channels.Count == 0)
                        _log.Debug("Notifier: noted {0} (not told)", string.Join(", ", e.Conditions.Select(c => $"{c.Key} = {c.Value}")));
                    else
                        _log.Info("Notifier: queued {0} {1} for [{2}]: {3}", e.Notification.Kind, e.Notification.Id, string.Join(", ", e.Channels), e.Notification.Title);
                    Pump();
                });
                break;
            case EnqueueDecision.Skip s:
                _log.Debug("Notifier: not queued: {0}", s.Reason);
                if (_tests.Remove(offer.Notification.Id, out var waiter))
                    waiter.ReplyTo.Tell(new NotifyTestResult(null, [], $"not queued: {s.Reason}"));
                break;
        }
    }

    /// <summary>Starts every due delivery of a configured channel; drops queues of channels that are no longer configured.</summary>
    private void Pump()
    {
        var now = _clock.GetUtcNow();
        foreach (var due in OutboxRules.Due(_state, now, _sending))
        {
            if (!_channels.TryGetValue(due.Channel, out var channel))
            {
                Record(new DeliveryAbandoned(due.Notification.Id, due.Channel, due.Attempt,
                    $"channel {due.Channel} is no longer configured (supervisor.notifications.channels)", Permanent: true, now));
                continue;
            }
            _sending.Add(due.Channel);
            Send(channel, due).PipeTo(Self, success: outcome => new AttemptEnded(due, outcome));
        }
        if (OutboxRules.NextDue(_state) is { } next && next > now) Timers.StartSingleTimer("due", Tick.Instance, next - now);
    }

    private async Task<DeliveryOutcome> Send(INotificationChannel channel, DueDelivery due)
    {
        using var timeout = new CancellationTokenSource(_sendTimeout);
        try
        {
            return await channel.SendAsync(due.Notification, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new DeliveryOutcome.RetryLater($"channel {due.Channel} did not answer within {_sendTimeout.TotalSeconds:0}s");
        }
        catch (Exception ex)
        {
            // A channel should classify its own faults; one that throws is retried, and the fault is named.
            return new DeliveryOutcome.RetryLater($"channel {due.Channel} failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void OnAttemptEnded(AttemptEnded ended)
    {
        _sending.Remove(ended.Delivery.Channel);
        var e = OutboxRules.DecideOutcome(_state, ended.Delivery.Channel, ended.Delivery.Notification.Id, ended.Outcome, _retry, _clock.GetUtcNow());
        if (e is null) Pump();
        else Record(e);
    }

    private void Record(OutboxEvent e) => Persist(e, x =>
    {
        _state = OutboxRules.Apply(_state, x);
        Report(x);
        NoteTestOutcome(x);
        Pump();
    });

    private void Report(OutboxEvent e)
    {
        switch (e)
        {
            case NotificationDelivered d:
                if (_failingChannels.Remove(d.Channel)) _log.Info("Notifier: channel {0} delivers again", d.Channel);
                _log.Info("Notifier: sent {0} on {1} (attempt {2})", d.NotificationId, d.Channel, d.Attempt);
                break;
            case DeliveryRetryScheduled r:
                // A warning once per failure streak; each later retry one info line saying when the next attempt is, so a
                // person can follow the backoff (a receiver down for an hour is a dozen lines: the delay doubles up to retry.max).
                var next = $"backoff: attempt {r.Attempt + 1} at {r.RetryAt:HH:mm:ss}, in {(r.RetryAt - r.At).TotalSeconds:0.#}s";
                if (_failingChannels.Add(r.Channel)) _log.Warning("Notifier: channel {0} failed: {1} ({2})", r.Channel, r.Reason, next);
                else _log.Info("Notifier: channel {0} still failing (attempt {1}): {2} ({3})", r.Channel, r.Attempt, r.Reason, next);
                break;
            case DeliveryAbandoned a:
                _log.Error("Notifier: gave up sending {0} on {1} after {2} attempt(s): {3}", a.NotificationId, a.Channel, a.Attempt, a.Reason);
                break;
        }
    }

    private OutboxStatus Status() => new(_state.Channels.OrderBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => new ChannelQueueStatus(kv.Key, kv.Value.Count(), kv.Value.Peek().Attempts, kv.Value.Peek().LastReason)).ToList());
}
