using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using static Supervisor.History.Tests.Support.Facts;

namespace Supervisor.History.Tests.Store;

/// <summary>A damaged stats.db at start is moved aside and replaced; the journal next to it is never touched.</summary>
public sealed class DamagedStatsDbTests : IDisposable
{
    private readonly TempDir _dir = new();

    public enum Damage { CutShort, Garbage, Directory }

    [Theory]
    [InlineData(Damage.CutShort)]
    [InlineData(Damage.Garbage)]
    [InlineData(Damage.Directory)]
    public async Task Damaged_stats_db_should_be_moved_aside_and_replaced_while_the_journal_stays_byte_identical(Damage damage)
    {
        var journal = _dir.File("journal.db");
        CreateJournal(journal);
        var journalHash = Hash(journal);
        var stats = StatsDbFile.PathIn(_dir.Path);
        var original = Damaged(stats, damage);

        var backend = new SqliteHistoryBackend(_dir.Path);
        var notes = backend.Prepare(T0);

        var note = Assert.Single(notes, n => n.IsProblem);
        Assert.Contains(stats, note.Text);
        Assert.Contains("stats.db.corrupt-20261206T100000Z", note.Text);
        Assert.Contains("journal was not touched", note.Text);
        var moved = stats + ".corrupt-20261206T100000Z";
        if (damage == Damage.Directory) Assert.True(Directory.Exists(moved));
        else Assert.Equal(original, File.ReadAllBytes(moved));

        using (var w = new HistoryWriter(backend))
            Assert.Equal(2, w.Write([Failed("ups-a", T0)]).NewRows); // the fresh file works
        SqliteConnection.ClearAllPools();
        Assert.Equal(journalHash, Hash(journal));
        Assert.False(File.Exists(journal + ".corrupt-20261206T100000Z"));
        Assert.Null(StatsDbFile.Inspect(stats));
        await Task.CompletedTask;
    }

    [Fact]
    public void Sound_file_should_be_left_in_place()
    {
        var backend = new SqliteHistoryBackend(_dir.Path);
        backend.Prepare(T0);
        using (var w = new HistoryWriter(backend)) w.Write([Failed("ups-a", T0)]);
        Assert.Empty(backend.Prepare(T0.AddMinutes(1)));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.corrupt-*"));
    }

    /// <summary>Makes the damage; returns the damaged file's bytes (empty for a directory).</summary>
    private byte[] Damaged(string stats, Damage damage)
    {
        switch (damage)
        {
            case Damage.Directory:
                Directory.CreateDirectory(stats);
                File.WriteAllText(Path.Combine(stats, "x"), "not a database");
                return [];
            case Damage.Garbage:
                var garbage = RandomNumberGenerator.GetBytes(10_000);
                File.WriteAllBytes(stats, garbage);
                return garbage;
            default:
                var backend = new SqliteHistoryBackend(_dir.Path);
                backend.Prepare(T0);
                using (var w = new HistoryWriter(backend))
                    w.Write(Enumerable.Range(0, 5000).Select(i => (IFleetFact)Failed("ups-a", T0.AddSeconds(i))).ToList());
                SqliteConnection.ClearAllPools(); // last connection closed: the WAL is checkpointed into the file
                Assert.Null(StatsDbFile.Inspect(stats));
                var whole = File.ReadAllBytes(stats);
                var cut = whole[..(whole.Length / 2)];
                File.WriteAllBytes(stats, cut);
                return cut;
        }
    }

    private static void CreateJournal(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "CREATE TABLE journal (ordering INTEGER PRIMARY KEY, persistence_id TEXT, payload BLOB); INSERT INTO journal VALUES (1, 'group-rack-a', x'01020304');";
        cmd.ExecuteNonQuery();
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
