using Akka.Event;
using Microsoft.Data.Sqlite;
using Supervisor.Tests.RealServers;
using Xunit.Abstractions;
using static Supervisor.History.Tests.Support.Facts;

namespace Supervisor.History.Tests.Writer;

/// <summary>Real faults: a read-only and a full filesystem (tmpfs, root), a PostgreSQL server that stops and starts again.</summary>
public sealed class StatsWriterFaultTests(ITestOutputHelper output) : WriterTestKit(output)
{
    private void Publish(string device, int from, int count)
    {
        for (var i = from; i < from + count; i++) Sys.EventStream.Publish(Failed(device, T0.AddSeconds(i)));
    }

    private int ErrorsContaining(string text) =>
        Logs.Count(l => l.LogLevel() == LogLevel.ErrorLevel && l.Message.ToString()!.Contains(text, StringComparison.Ordinal));

    [RootFact]
    public async Task Writer_should_log_a_read_only_stats_db_once_keep_running_and_write_the_queue_when_it_is_writable_again()
    {
        using var disk = new Tmpfs("8m");
        var backend = new SqliteHistoryBackend(disk.Dir);
        backend.Prepare(T0);
        using (var earlier = new HistoryWriter(backend)) earlier.Write([Failed("ups-a", T0.AddSeconds(-1))]);
        SqliteConnection.ClearAllPools();
        // Linux refuses to remount a filesystem read-only while a file on it is open for writing, so the file is
        // read-only from the start here (a disk remounted read-only after an error, a restored backup).
        disk.RemountReadOnly();

        var writer = await StartWriterAsync(backend, Settings(queue: 500, batch: 50));
        Publish("ups-a", 0, 400);
        var failing = await Until(writer, s => s.FailingSince is not null && s.Queued == 400, TimeSpan.FromSeconds(10), "the write failing");
        Assert.Contains("read-only", failing.LastError);
        Assert.Contains(backend.Where, failing.LastError);
        await Task.Delay(1500); // several retries
        Publish("ups-a", 400, 200); // 600 facts for a queue of 500: the 100 oldest go
        await Until(writer, s => s.DroppedSamples == 100, TimeSpan.FromSeconds(10), "drops counted");

        disk.RemountReadWrite();
        var done = await Until(writer, s => s.Queued == 0 && s.FailingSince is null, TimeSpan.FromSeconds(10), "recovery");
        Assert.Equal(500, done.FactsWritten);
        Assert.Equal(100, done.DroppedSamples);
        Assert.Equal((1 + 500) * 2, await StoreProbe.CountAsync(backend, "samples"));
        Assert.Equal(1, LogCount(LogLevel.ErrorLevel, "cannot write"));
        Assert.Equal(1, ErrorsContaining("remount"));
        Assert.Equal(1, LogCount(LogLevel.InfoLevel, "writing again"));
        SqliteConnection.ClearAllPools();
    }

    [RootFact]
    public async Task Writer_should_survive_a_full_disk_count_drops_and_write_the_queue_once_space_is_freed()
    {
        using var disk = new Tmpfs("2m");
        var backend = new SqliteHistoryBackend(disk.Dir);
        var writer = await StartWriterAsync(backend, Settings(queue: 3000, batch: 200));
        Publish("ups-a", 0, 10);
        await Until(writer, s => s.FactsWritten == 10, TimeSpan.FromSeconds(10), "first facts written");
        disk.Fill();

        Publish("ups-a", 10, 5000);
        var failing = await Until(writer, s => s.FailingSince is not null && s.DroppedSamples > 0, TimeSpan.FromSeconds(20), "the disk full and drops counted");
        Assert.Contains("full", failing.LastError);
        Assert.Contains(disk.Dir, failing.LastError);
        await Task.Delay(1000); // retries keep failing while the disk stays full
        Assert.NotNull((await Status(writer)).FailingSince);

        disk.Free();
        var done = await Until(writer, s => s.Queued == 0 && s.FailingSince is null, TimeSpan.FromSeconds(20), "recovery");
        Assert.Equal(5010, done.FactsWritten + done.DroppedSamples); // every fact is either written or counted as dropped
        Assert.Equal(done.FactsWritten * 2, await StoreProbe.CountAsync(backend, "samples"));
        Assert.Equal(1, LogCount(LogLevel.ErrorLevel, "cannot write"));
        Assert.Equal(1, LogCount(LogLevel.InfoLevel, "writing again"));
        output.WriteLine($"written {done.FactsWritten}, dropped {done.DroppedSamples}");
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Writer_should_ride_out_a_stopped_postgresql_and_write_what_it_queued_when_the_server_is_back()
    {
        await using var pg = new PostgresServer(); // its own server, to stop without disturbing other tests
        await pg.InitializeAsync();
        var backend = new PostgresHistoryBackend(await pg.CreateDatabaseAsync());
        var writer = await StartWriterAsync(backend, Settings(queue: 200, batch: 50));
        Publish("ups-a", 0, 10);
        await Until(writer, s => s.FactsWritten == 10, TimeSpan.FromSeconds(20), "first facts written");

        await pg.StopAsync();
        Publish("ups-a", 10, 250); // 50 more than the queue holds
        var failing = await Until(writer, s => s.FailingSince is not null && s.Queued == 200 && s.DroppedSamples == 50, TimeSpan.FromSeconds(20),
            "the server unreachable, queue full");
        Assert.Contains($"127.0.0.1:{pg.Port}", failing.LastError);
        await Task.Delay(1500); // several retries, each refused

        await pg.StartAsync();
        var done = await Until(writer, s => s.Queued == 0 && s.FailingSince is null, TimeSpan.FromSeconds(30), "recovery");
        Assert.Equal(210, done.FactsWritten);
        Assert.Equal(50, done.DroppedSamples);
        Assert.Equal(210 * 2, await StoreProbe.CountAsync(backend, "samples"));
        Assert.Equal(1, LogCount(LogLevel.ErrorLevel, "cannot write"));
        Assert.Equal(1, ErrorsContaining($"postgresql 127.0.0.1:{pg.Port}/"));
        Assert.Equal(1, LogCount(LogLevel.InfoLevel, "writing again"));
    }
}
