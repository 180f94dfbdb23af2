using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Coordination;
using Npgsql;
using Supervisor.Actors.Coordination;

namespace Supervisor.Actors.Tests.Coordination;

/// <summary>The singleton's lease against a real PostgreSQL: who may hold it, when it frees up, and when a holder is told it lost it.</summary>
public sealed class PostgresLeaseTests(PostgresServer pg, ITestOutputHelper output)
    : TestKit("akka.loglevel = INFO", "lease-test", output), IClassFixture<PostgresServer>
{
    private const string LeaseName = "supervisor-singleton-test";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2), Interval = TimeSpan.FromMilliseconds(300);

    private PostgresLease NewLease(string connectionString, string owner, TimeSpan? operationTimeout = null, TimeSpan? releaseGrace = null, TimeSpan? ttl = null)
    {
        var config = ConfigurationFactory.ParseString($"connection-string = \"{connectionString}\"\nrelease-grace = {(releaseGrace ?? TimeSpan.Zero).TotalMilliseconds}ms");
        var settings = new LeaseSettings(LeaseName, owner, new TimeoutSettings(Interval, ttl ?? Ttl, operationTimeout ?? TimeSpan.FromSeconds(3)), config);
        return new PostgresLease(settings, Sys.Log, owner);
    }

    private static async Task<string?> RowOwnerAsync(string connectionString)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT owner FROM supervisor_lease WHERE name = @n", c);
        cmd.Parameters.AddWithValue("n", LeaseName);
        return await cmd.ExecuteScalarAsync() as string;
    }

    private static async Task SqlAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Tries to acquire every 100 ms until it succeeds; returns how long that took.</summary>
    private static async Task<TimeSpan> AcquireEventuallyAsync(PostgresLease lease, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await lease.Acquire()) return clock.Elapsed;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{lease.Owner} did not acquire the lease within {within}");
    }

    /// <summary>A fresh database whose lease <c>a</c> has just acquired, and <c>b</c>, a second owner that wants it.</summary>
    private async Task<(string Db, PostgresLease A, PostgresLease B)> HeldByAAsync(TimeSpan? releaseGrace = null)
    {
        var db = await pg.CreateDatabaseAsync();
        var a = NewLease(db, "a", releaseGrace: releaseGrace);
        var b = NewLease(db, "b");
        Assert.True(await a.Acquire());
        return (db, a, b);
    }

    [Fact]
    public async Task Acquire_should_hold_the_lease_and_write_the_owner_when_no_one_holds_it()
    {
        var db = await pg.CreateDatabaseAsync();
        var a = NewLease(db, "a");

        Assert.True(await a.Acquire());
        Assert.True(a.CheckLease());
        Assert.Equal("a", await RowOwnerAsync(db));
        await a.Release();
    }

    [Fact]
    public async Task Acquire_should_refuse_a_second_owner_while_the_holder_keeps_renewing_even_past_the_ttl()
    {
        var (_, a, b) = await HeldByAAsync();

        Assert.False(await b.Acquire());
        await Task.Delay(Ttl * 2); // a's renewals keep it: the TTL counts from the last renewal, not the acquire
        Assert.False(await b.Acquire());
        Assert.True(a.CheckLease());
        Assert.False(b.CheckLease());
        await a.Release();
    }

    [Fact]
    public async Task Acquire_should_succeed_for_a_second_owner_as_soon_as_the_holder_releases()
    {
        var (db, a, b) = await HeldByAAsync();

        Assert.True(await a.Release());
        Assert.False(a.CheckLease());
        Assert.True(await b.Acquire());
        Assert.Equal("b", await RowOwnerAsync(db));
        await b.Release();
    }

    [Fact]
    public async Task Release_with_a_grace_should_keep_a_second_owner_out_until_the_grace_has_passed()
    {
        var grace = TimeSpan.FromSeconds(1);
        var (_, a, b) = await HeldByAAsync(releaseGrace: grace);

        Assert.True(await a.Release());
        Assert.False(await b.Acquire()); // a's singleton may still be stopping
        var waited = await AcquireEventuallyAsync(b, TimeSpan.FromSeconds(5));
        Assert.InRange(waited, grace - TimeSpan.FromMilliseconds(300), grace + TimeSpan.FromSeconds(1)); // not the full TTL
        await b.Release();
    }

    [Fact]
    public async Task Acquire_should_succeed_for_a_second_owner_once_a_killed_holder_passes_its_ttl_and_not_before()
    {
        var db = await pg.CreateDatabaseAsync();
        var b = NewLease(db, "b");
        // A killed node: it claimed the row once and will never renew nor release it.
        Assert.True(await new PostgresLeaseStore(db).TryClaimAsync(LeaseName, "killed-node", Ttl, CancellationToken.None));
        var killedAt = Stopwatch.StartNew();

        Assert.False(await b.Acquire());
        await AcquireEventuallyAsync(b, TimeSpan.FromSeconds(10));
        Assert.InRange(killedAt.Elapsed, Ttl - TimeSpan.FromMilliseconds(200), Ttl + TimeSpan.FromSeconds(1));
        Assert.Equal("b", await RowOwnerAsync(db));
        await b.Release();
    }

    [Fact]
    public async Task Holder_should_be_told_once_that_it_lost_the_lease_when_another_owner_takes_its_row()
    {
        var db = await pg.CreateDatabaseAsync();
        // A TTL far above the renewal interval: under CI load a 2 s TTL could lapse between two renewals, and the holder
        // then lost it by its own clock ("no renewal confirmed") before the usurper's row was ever refused.
        var a = NewLease(db, "a", ttl: TimeSpan.FromSeconds(20));
        var lost = new List<Exception>();
        Assert.True(await a.Acquire(e => { lock (lost) lost.Add(e); }));

        await SqlAsync(db, "UPDATE supervisor_lease SET owner = 'usurper'");
        await AwaitConditionAsync(() => Task.FromResult(lost.Count > 0), TimeSpan.FromSeconds(5));
        await Task.Delay(Interval * 4); // renewals stopped: no second call
        lock (lost)
        {
            var reason = Assert.Single(lost);
            Assert.IsAssignableFrom<LeaseException>(reason);
            Assert.Contains(LeaseName, reason.Message);
            Assert.Contains("refused the renewal", reason.Message);
        }
        Assert.False(a.CheckLease());
        Assert.Equal("usurper", await RowOwnerAsync(db)); // a stopped renewing: it did not take the row back
    }

    [Fact]
    public async Task Holder_should_lose_the_lease_naming_the_database_when_a_renewal_fails()
    {
        var db = await pg.CreateDatabaseAsync();
        var a = NewLease(db, "a");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.Acquire(e => lost.TrySetResult(e)));

        await SqlAsync(db, "ALTER TABLE supervisor_lease RENAME TO gone"); // every renewal now errors
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains($"127.0.0.1:{pg.Port}/", reason.Message);
        Assert.Contains("renew", reason.Message);
        Assert.False(a.CheckLease());
    }

    [Fact]
    public async Task Holder_should_lose_the_lease_within_a_renewal_when_its_database_server_stops()
    {
        var own = new PostgresServer(); // a server of its own, to stop without disturbing the other tests
        await own.InitializeAsync();
        var a = NewLease(await own.CreateDatabaseAsync(), "a");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.Acquire(e => lost.TrySetResult(e)));

        await own.DisposeAsync(); // pg_ctl stop -m immediate
        var stopped = Stopwatch.StartNew();
        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(stopped.Elapsed < Interval + TimeSpan.FromSeconds(1), $"lost {stopped.Elapsed} after the server stopped");
        Assert.Contains($"127.0.0.1:{own.Port}/", reason.Message);
        Assert.False(a.CheckLease());
        await Assert.ThrowsAnyAsync<LeaseException>(() => a.Acquire()); // and cannot get it back while the server is down
    }

    [Fact]
    public async Task Holder_should_lose_the_lease_before_its_ttl_when_renewals_hang()
    {
        var db = await pg.CreateDatabaseAsync();
        var a = NewLease(db, "a", operationTimeout: TimeSpan.FromSeconds(10)); // longer than the TTL: the TTL must cut it
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.Acquire(e => lost.TrySetResult(e)));

        await using var blocker = new NpgsqlConnection(db);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE supervisor_lease IN ACCESS EXCLUSIVE MODE", blocker, tx))
            await lockTable.ExecuteNonQueryAsync(); // renewals now wait on the lock, answered by nobody
        var lockedAt = Stopwatch.StartNew();

        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.IsType<LeaseTimeoutException>(reason);
        // Counted from the last renewal SENT before the lock, so at most one TTL after it: before the database's own expiry.
        Assert.True(lockedAt.Elapsed <= Ttl + TimeSpan.FromMilliseconds(300), $"lost {lockedAt.Elapsed} after renewals began to hang, TTL {Ttl}");
        Assert.False(a.CheckLease());
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Release_should_leave_the_row_alone_when_another_owner_holds_it()
    {
        var db = await pg.CreateDatabaseAsync();
        var a = NewLease(db, "a");
        Assert.True(await a.Acquire());
        await SqlAsync(db, "UPDATE supervisor_lease SET owner = 'b'");

        Assert.False(await a.Release());
        Assert.Equal("b", await RowOwnerAsync(db));
    }

    [Fact]
    public async Task Acquire_should_fail_at_once_with_an_error_naming_the_lease_and_database_but_not_the_password_when_nothing_listens()
    {
        var port = UnusedPort();
        var a = NewLease($"Host=127.0.0.1;Port={port};Database=journal;Username=akka;Password=s3cret-pw", "a");

        var clock = Stopwatch.StartNew();
        LeaseException? error = null;
        await EventFilter.Error(contains: $"Lease {LeaseName} not acquired").ExpectOneAsync(async () =>
            error = await Assert.ThrowsAnyAsync<LeaseException>(() => a.Acquire()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Contains(LeaseName, error!.Message);
        Assert.Contains($"PostgreSQL 127.0.0.1:{port}/journal", error.Message);
        Assert.DoesNotContain("s3cret-pw", error.ToString());
        Assert.False(a.CheckLease());
    }

    [Fact]
    public async Task Acquire_should_time_out_within_the_operation_timeout_when_the_database_never_answers()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // accepts connections, never says a word
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var a = NewLease($"Host=127.0.0.1;Port={port};Database=journal;Username=akka;Password=x;Timeout=60", "a", operationTimeout: TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<LeaseTimeoutException>(() => a.Acquire());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.Contains($"PostgreSQL 127.0.0.1:{port}/journal", error.Message);
        Assert.Contains("within", error.Message);
    }

    [Fact]
    public async Task LeaseProvider_should_create_the_postgresql_lease_from_the_config_the_node_writes()
    {
        var db = await pg.CreateDatabaseAsync();
        var config = SingletonLeaseHocon.Lease(new Domain.Configuration.JournalSettings(Domain.Configuration.JournalProvider.PostgreSql, db));
        using var system = ActorSystem.Create("lease-provider-test", config.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING")));

        var lease = LeaseProvider.Get(system).GetLease(LeaseName, SingletonLeaseHocon.ConfigPath, "127.0.0.1:4053");

        var pgLease = Assert.IsType<PostgresLease>(lease);
        Assert.StartsWith("127.0.0.1:4053#", pgLease.Owner); // plus this incarnation's uid
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(3)),
            (lease.Settings.TimeoutSettings.HeartbeatInterval, lease.Settings.TimeoutSettings.HeartbeatTimeout, lease.Settings.TimeoutSettings.OperationTimeout));
        Assert.True(await lease.Acquire());
        Assert.Equal(pgLease.Owner, await RowOwnerAsync(db));
        Assert.True(await lease.Release());
        await system.Terminate();
    }

    private static int UnusedPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
