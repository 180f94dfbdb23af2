using System.Diagnostics;
using Akka.Event;
using Microsoft.Data.Sqlite;
using Supervisor.Domain.Events;
using Supervisor.History.Store;
using Supervisor.History.Tests.Support;
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
        const int queue = 20_000, published = 100_000;
        var backend = new SqliteHistoryBackend(_dir.Path);
        var writer = await StartWriterAsync(backend, Settings(queue, batch: 1000));
        Sys.EventStream.Publish(Failed("warm-up", T0));
        await Until(writer, s => s.FactsWritten == 1, TimeSpan.FromSeconds(10), "the warm-up fact written");

        // Another connection takes the write lock and keeps it: every write now waits the 5 s busy timeout, then fails.
        await using var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backend.Where, Pooling = false }.ToString());
        blocker.Open();
        await using (var begin = blocker.CreateCommand()) { begin.CommandText = "BEGIN IMMEDIATE"; begin.ExecuteNonQuery(); }

        var publishing = Stopwatch.StartNew();
        for (var i = 0; i < published; i++) Sys.EventStream.Publish(Failed("ups-a", T0.AddSeconds(i)));
        publishing.Stop();
        Assert.True(publishing.Elapsed < TimeSpan.FromSeconds(5), $"publishing took {publishing.Elapsed}");

        // The mailbox keeps up while the I/O thread is stuck: status answers, and the queue holds the newest `queue` facts.
        var asked = Stopwatch.StartNew();
        var during = await Until(writer, s => s.Queued + 1000 >= queue && s.DroppedSamples >= published - queue - 1000, TimeSpan.FromSeconds(4),
            "the queue full while the first stalled write is still waiting");
        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(4.5), $"took {asked.Elapsed}");
        var settled = await Until(writer, s => s.FailingSince is not null && s.Queued == queue, TimeSpan.FromSeconds(15), "the stalled write failed");
        Assert.Equal(published - queue, settled.DroppedSamples);
        Assert.Contains("locked", settled.LastError);
        output.WriteLine($"published {published} in {publishing.ElapsedMilliseconds} ms; while stalled: {during}");

        await using (var rollback = blocker.CreateCommand()) { rollback.CommandText = "ROLLBACK"; rollback.ExecuteNonQuery(); }
        var after = await Until(writer, s => s.Queued == 0 && s.FailingSince is null, TimeSpan.FromSeconds(30), "the queue written after the lock is gone");
        Assert.Equal(1 + queue, after.FactsWritten);
        Assert.Equal(published - queue, after.DroppedSamples);
        // Exactly the newest `queue` samples were kept: times T0 + 80 000 s … T0 + 99 999 s.
        Assert.Equal(queue, await StoreProbe.CountAsync(backend, "samples s JOIN {p}series x ON x.id = s.series",
            $"x.subject_id = 'ups-a' AND x.metric = 'health' AND s.time >= {T0.AddSeconds(published - queue).ToUnixTimeMilliseconds()}"));
        Assert.Equal(queue * 2, await StoreProbe.CountAsync(backend, "samples s JOIN {p}series x ON x.id = s.series", "x.subject_id = 'ups-a'"));
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
