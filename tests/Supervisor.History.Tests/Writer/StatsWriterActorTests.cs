using System.Diagnostics;
using Akka.Event;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using static Supervisor.History.Tests.Support.Facts;

namespace Supervisor.History.Tests.Writer;

/// <summary>The writer on real SQLite files: it stores what the event stream carries, and a stalled database never slows the publisher.</summary>
public sealed class StatsWriterActorTests(ITestOutputHelper output) : WriterTestKit(output), IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task Writer_should_store_facts_published_on_the_local_event_stream_and_count_them()
    {
        var backend = new SqliteHistoryBackend(_dir.Path);
        var writer = await StartWriterAsync(backend, Settings(queue: 1000, batch: 100));
        for (var i = 0; i < 250; i++) Sys.EventStream.Publish(Device("ups-a", T0.AddSeconds(i), charge: 50));
        Sys.EventStream.Publish(Warning("supervisor.x", T0));
        Sys.EventStream.Publish(Warning("supervisor.x", T0)); // the same event again: still one row

        var s = await Until(writer, s => s.FactsWritten == 252, TimeSpan.FromSeconds(10), "every fact written");
        Assert.Equal(1, s.EventsWritten);
        Assert.Equal(250 * 7, s.RowsWritten); // charge, health, poll-failed and four flags
        Assert.Equal(0, s.DroppedSamples);
        Assert.Null(s.FailingSince);
        Assert.Equal(backend.Where, s.Where);
        Assert.Equal(250 * 7, await StoreProbe.CountAsync(backend, "samples"));
        Assert.Equal(1, await StoreProbe.CountAsync(backend, "events"));
    }

    [Fact]
    public async Task Publishing_100000_samples_into_a_stalled_database_should_return_promptly_and_drop_the_oldest_exactly()
    {
        const int queue = 20_000, batch = 1000, published = 100_000;
        // A long busy timeout: the stalled write simply waits for the lock, the whole time this test looks at the mailbox.
        var backend = new SqliteHistoryBackend(_dir.Path, busyTimeout: TimeSpan.FromSeconds(60));
        var writer = await StartWriterAsync(backend, Settings(queue, batch));
        Sys.EventStream.Publish(Failed("warm-up", T0));
        await Until(writer, s => s.FactsWritten == 1 && s.LastMaintenanceAt is not null, TimeSpan.FromSeconds(10), "warm-up written, first round done");

        // Another connection takes the write lock and keeps it.
        await using var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backend.Where, Pooling = false }.ToString());
        blocker.Open();
        await using (var begin = blocker.CreateCommand()) { begin.CommandText = "BEGIN IMMEDIATE"; begin.ExecuteNonQuery(); }

        var publishing = Stopwatch.StartNew();
        for (var i = 0; i < published; i++) Sys.EventStream.Publish(Failed("ups-a", T0.AddSeconds(i)));
        publishing.Stop();
        Assert.True(publishing.Elapsed < TimeSpan.FromSeconds(5), $"publishing took {publishing.Elapsed}");

        // The mailbox keeps up while the I/O thread waits: the first batch (facts 0-999) is in flight, the queue holds the
        // newest `queue` facts, everything between was dropped and counted.
        var processing = Stopwatch.StartNew();
        var during = await Until(writer, s => s.Queued == queue + batch && s.DroppedSamples == published - queue - batch, TimeSpan.FromSeconds(30),
            "the queue full while the stalled write waits");
        Assert.Equal(1, during.FactsWritten);
        Assert.Null(during.FailingSince);
        output.WriteLine($"published {published} in {publishing.ElapsedMilliseconds} ms; mailbox drained and counted {processing.ElapsedMilliseconds} ms later: {during}");

        await using (var rollback = blocker.CreateCommand()) { rollback.CommandText = "ROLLBACK"; rollback.ExecuteNonQuery(); }
        var after = await Until(writer, s => s.Queued == 0 && s.FactsWritten == 1 + batch + queue, TimeSpan.FromSeconds(30), "everything queued written");
        Assert.Equal(published - queue - batch, after.DroppedSamples);
        // The kept samples are exactly the first batch and the newest `queue`: times 0-999 s and 80 000-99 999 s.
        const string health = "samples s JOIN {p}series x ON x.id = s.series";
        Assert.Equal(batch, await StoreProbe.CountAsync(backend, health,
            $"x.subject_id = 'ups-a' AND x.metric = 'health' AND s.time < {T0.AddSeconds(batch).ToUnixTimeMilliseconds()}"));
        Assert.Equal(queue, await StoreProbe.CountAsync(backend, health,
            $"x.subject_id = 'ups-a' AND x.metric = 'health' AND s.time >= {T0.AddSeconds(published - queue).ToUnixTimeMilliseconds()}"));
        Assert.Equal((batch + queue) * 2, await StoreProbe.CountAsync(backend, health, "x.subject_id = 'ups-a'"));
    }

    [Fact]
    public async Task Write_lock_held_past_the_busy_timeout_should_be_logged_once_and_recovered_from()
    {
        var backend = new SqliteHistoryBackend(_dir.Path, busyTimeout: TimeSpan.FromSeconds(1));
        var writer = await StartWriterAsync(backend, Settings(queue: 100, batch: 10));
        await using var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backend.Where, Pooling = false }.ToString());
        blocker.Open();
        await using (var begin = blocker.CreateCommand()) { begin.CommandText = "BEGIN IMMEDIATE"; begin.ExecuteNonQuery(); }
        for (var i = 0; i < 150; i++) Sys.EventStream.Publish(Failed("ups-a", T0.AddSeconds(i)));

        var failing = await Until(writer, s => s.FailingSince is not null && s.Queued == 100, TimeSpan.FromSeconds(15), "the write failing");
        Assert.Contains("locked", failing.LastError);
        await Task.Delay(2500); // more attempts, each waiting the busy timeout
        Assert.Equal(50, (await Status(writer)).DroppedSamples);

        await using (var rollback = blocker.CreateCommand()) { rollback.CommandText = "ROLLBACK"; rollback.ExecuteNonQuery(); }
        var done = await Until(writer, s => s.Queued == 0 && s.FailingSince is null, TimeSpan.FromSeconds(15), "recovery");
        Assert.Equal(100, done.FactsWritten);
        Assert.Equal(1, LogCount(LogLevel.ErrorLevel, "cannot write"));
        Assert.Equal(1, LogCount(LogLevel.InfoLevel, "writing again"));
    }

    public new void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
