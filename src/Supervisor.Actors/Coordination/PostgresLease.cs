using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Event;
using Akka.Remote;

namespace Supervisor.Actors.Coordination;

/// <summary>
/// An Akka lease held in the PostgreSQL journal's database, so the cluster singleton runs only while its node holds
/// the row (ClusterSingletonManager acquires it on becoming oldest and stops the singleton when it is lost). This,
/// not <c>akka.cluster.down-removal-margin</c>, keeps both sides of a partition from running the singleton at once.
///
/// <para>Timing (from the lease config block): the row lives <c>heartbeat-timeout</c> (the TTL) past each claim,
/// measured by the database clock; it is renewed every <c>heartbeat-interval</c>; each statement is bounded by
/// <c>lease-operation-timeout</c>. The holder counts its TTL from when it SENT the last successful renewal, on its own
/// monotonic clock, so it always believes the lease ends no later than the database does. The first renewal that
/// fails, is refused or misses that deadline ends the hold: the lost callback runs once and renewals stop.</para>
///
/// <para>Owner = the node's host:port (as Akka passes it) plus this actor system's uid, so a restarted node is a new
/// owner and cannot inherit a claim its previous incarnation made.</para>
/// </summary>
public sealed class PostgresLease : Lease
{
    private readonly PostgresLeaseStore _store;
    private readonly ILoggingAdapter _log;
    private readonly string _owner;
    private readonly TimeSpan _ttl, _interval, _operationTimeout, _releaseGrace;
    private readonly object _gate = new();
    private Hold? _hold;
    private long _generation; // bumped by Release, so an acquire answered after it does not start holding

    /// <summary>The constructor Akka's LeaseProvider calls (settings + actor system).</summary>
    public PostgresLease(LeaseSettings settings, ExtendedActorSystem system)
        : this(settings, Logging.GetLogger(system, typeof(PostgresLease)), $"{settings.OwnerName}#{AddressUidExtension.Uid(system)}")
    {
    }

    internal PostgresLease(LeaseSettings settings, ILoggingAdapter log, string owner) : base(settings)
    {
        var connectionString = settings.LeaseConfig.GetString("connection-string", null);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ConfigurationException($"Lease {settings.LeaseName}: the lease config has no connection-string (it is the PostgreSQL journal's)");
        _store = new PostgresLeaseStore(connectionString);
        _log = log;
        _owner = owner;
        _ttl = settings.TimeoutSettings.HeartbeatTimeout;
        _interval = settings.TimeoutSettings.HeartbeatInterval;
        _operationTimeout = settings.TimeoutSettings.OperationTimeout;
        _releaseGrace = settings.LeaseConfig.GetTimeSpan("release-grace", TimeSpan.Zero);
    }

    /// <summary>Who this node is in the lease table.</summary>
    public string Owner => _owner;

    private string Name => Settings.LeaseName;

    public override Task<bool> Acquire() => Acquire(null);

    public override async Task<bool> Acquire(Action<Exception>? leaseLostCallback)
    {
        long generation;
        lock (_gate) generation = _generation;
        var sentAt = Stopwatch.GetTimestamp();
        bool claimed;
        try
        {
            claimed = await RunAsync("acquire", ct => _store.TryClaimAsync(Name, _owner, _ttl, ct), CancellationToken.None);
        }
        catch (LeaseException e)
        {
            // Thrown on to Akka, which logs it with its stack and retries every lease-retry-interval; logged here as
            // one plain line (no stack: while the database is down this repeats every retry).
            _log.Error("Lease {0} not acquired: {1}. No singleton can start on this node until the database answers", Name, e.Message);
            throw;
        }
        lock (_gate)
        {
            StopHolding();
            if (claimed && generation == _generation)
            {
                _hold = new Hold(sentAt, leaseLostCallback);
                _hold.Renewing = RenewWhileHeldAsync(_hold);
                _log.Info("Lease {0} acquired by {1} in {2} (held while renewed every {3}; expires {4} after the last renewal)",
                    Name, _owner, _store.Target, _interval, _ttl);
                return true;
            }
        }
        if (claimed) // released while the claim was on its way: give it back rather than hold it unrenewed
        {
            await Release();
            return false;
        }
        _log.Debug("Lease {0} is held by another owner in {1}; {2} not acquired", Name, _store.Target, _owner);
        return false;
    }

    /// <summary>
    /// Stops renewing and ends our claim after <c>release-grace</c>: ClusterSingletonManager releases as it TELLS the
    /// singleton to stop, so another node must not take over before the singleton has had time to finish stopping.
    /// A database error is logged and answered with false (Akka logs that too), not thrown: the singleton manager
    /// cannot act on it, and the claim ends by itself within the TTL.
    /// </summary>
    public override async Task<bool> Release()
    {
        Hold? held;
        lock (_gate)
        {
            _generation++;
            held = _hold;
            StopHolding();
        }
        try
        {
            if (held is not null) await held.Renewing; // a renewal in flight lands first (bounded by the operation timeout)
            var released = await RunAsync("release", ct => _store.ReleaseAsync(Name, _owner, _releaseGrace, ct), CancellationToken.None);
            if (released) _log.Info("Lease {0} released by {1} in {2} (free in {3})", Name, _owner, _store.Target, _releaseGrace);
            else _log.Info("Lease {0}: nothing to release, {1} does not hold it in {2}", Name, _owner, _store.Target);
            return released;
        }
        catch (LeaseException e)
        {
            _log.Error(e, "Lease {0} not released: {1}. Other nodes can take it once it expires, within {2}", Name, e.Message, _ttl);
            return false;
        }
    }

    public override bool CheckLease()
    {
        lock (_gate) return _hold is { IsLost: false } hold && Stopwatch.GetElapsedTime(hold.LastRenewalSentAt) < _ttl;
    }

    private async Task RenewWhileHeldAsync(Hold hold)
    {
        try
        {
            await RenewLoopAsync(hold);
        }
        catch (Exception e)
        {
            Lose(hold, new LeaseException($"Lease {Name}: renewals stopped by an unexpected error: {e.Message}", e));
        }
    }

    private async Task RenewLoopAsync(Hold hold)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_interval, hold.Stopped.Token);
            }
            catch (OperationCanceledException)
            {
                return; // released or re-acquired
            }
            var left = _ttl - Stopwatch.GetElapsedTime(hold.LastRenewalSentAt);
            if (left <= TimeSpan.Zero)
            {
                Lose(hold, new LeaseTimeoutException($"Lease {Name}: no renewal confirmed by {_store.Target} within {_ttl}; the database may already have let it expire"));
                return;
            }
            var sentAt = Stopwatch.GetTimestamp();
            bool renewed;
            try
            {
                // Not cut short by a release: Release waits for this loop, so its statement runs after the renewal's
                // and cannot be overtaken by it (which would leave the row held for a full TTL by nobody).
                renewed = await RunAsync("renew", ct => _store.TryClaimAsync(Name, _owner, _ttl, ct), CancellationToken.None, left);
            }
            catch (LeaseException e)
            {
                Lose(hold, e);
                return;
            }
            if (hold.Stopped.IsCancellationRequested) return; // released or re-acquired meanwhile
            if (!renewed)
            {
                Lose(hold, new LeaseException($"Lease {Name}: {_store.Target} refused the renewal for {_owner}: the lease expired and another owner took it"));
                return;
            }
            lock (_gate) hold.LastRenewalSentAt = sentAt;
        }
    }

    /// <summary>Ends the hold once: renewals stop, the lease reads as lost, and Akka's callback stops the singleton.</summary>
    private void Lose(Hold hold, LeaseException reason)
    {
        lock (_gate)
        {
            if (hold.IsLost || hold.Stopped.IsCancellationRequested) return;
            hold.IsLost = true;
            hold.Stopped.Cancel();
            if (ReferenceEquals(_hold, hold)) _hold = null;
        }
        _log.Error(reason, "Lease {0} LOST by {1}: {2}. The singleton on this node is being stopped", Name, _owner, reason.Message);
        try
        {
            hold.OnLost?.Invoke(reason);
        }
        catch (Exception e)
        {
            _log.Error(e, "Lease {0}: the lease-lost callback failed: {1}", Name, e.Message);
        }
    }

    private void StopHolding()
    {
        _hold?.Stopped.Cancel();
        _hold = null;
    }

    /// <summary>
    /// Runs one statement within the operation timeout (or <paramref name="limit"/> if sooner); a failure or timeout
    /// becomes a <see cref="LeaseException"/> naming the lease, the operation and the database (never the password).
    /// </summary>
    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> statement, CancellationToken stop, TimeSpan? limit = null)
    {
        var timeout = limit is { } l && l < _operationTimeout ? l : _operationTimeout;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timer.CancelAfter(timeout);
        var running = statement(timer.Token);
        try
        {
            // Npgsql does not check the token while it waits for a server's handshake (it waits out the connection
            // string's Timeout instead), so the wait itself is bounded here; the abandoned statement ends on its own.
            return await running.WaitAsync(timeout, stop);
        }
        catch (Exception e) when ((timer.IsCancellationRequested || e is TimeoutException) && !stop.IsCancellationRequested)
        {
            throw new LeaseTimeoutException($"Lease {Name}: {operation} by {_owner} got no answer from {_store.Target} within {timeout}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not LeaseException)
        {
            throw new LeaseException($"Lease {Name}: {operation} by {_owner} failed in {_store.Target}: {e.Message}", e);
        }
        finally
        {
            if (!running.IsCompleted) ObserveLateFailure(running);
        }
    }

    /// <summary>A statement given up on (timed out, or the hold ended) may still fail later; that is already reported or moot.</summary>
    private static void ObserveLateFailure(Task running) =>
        running.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>One uninterrupted period of holding the lease, from a successful acquire until release or loss.</summary>
    private sealed class Hold(long acquireSentAt, Action<Exception>? onLost)
    {
        public long LastRenewalSentAt { get; set; } = acquireSentAt;
        public Action<Exception>? OnLost { get; } = onLost;
        public CancellationTokenSource Stopped { get; } = new();
        public bool IsLost { get; set; }
        /// <summary>The renew loop; it ends by itself once <see cref="Stopped"/> is cancelled and never faults.</summary>
        public Task Renewing { get; set; } = Task.CompletedTask;
    }
}
