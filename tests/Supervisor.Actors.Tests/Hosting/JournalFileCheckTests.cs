namespace Supervisor.Actors.Tests.Hosting;

/// <summary>The start-up check of the SQLite journal, on real files damaged the ways disks and people damage them.</summary>
public sealed class JournalFileCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 52, 1, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "supervisor-jcheck-" + Guid.NewGuid().ToString("N")[..8]);
    private string Journal => Path.Combine(_dir, "journal.db");
    private string MovedTo => Journal + ".corrupt-20261123T185201Z";

    public JournalFileCheckTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* best effort */ }
    }

    /// <summary>A real journal in WAL mode with a few hundred rows, spread over many pages.</summary>
    private void WriteHealthyJournal()
    {
        SqliteJournalFile.UseWriteAheadLog(_dir);
        using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(_dir) + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE journal (ordering INTEGER PRIMARY KEY, persistence_id TEXT, payload BLOB); CREATE INDEX ix ON journal(persistence_id);";
        command.ExecuteNonQuery();
        for (var i = 0; i < 400; i++)
        {
            command.CommandText = $"INSERT INTO journal (persistence_id, payload) VALUES ('group-{i % 7}', randomblob(300))";
            command.ExecuteNonQuery();
        }
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Run_should_leave_a_sound_journal_where_it_is()
    {
        WriteHealthyJournal();
        var verdict = JournalFileCheck.Run(_dir, Now);
        Assert.False(verdict.WasReset);
        Assert.True(File.Exists(Journal));
    }

    [Fact]
    public void Run_should_accept_a_missing_journal_and_create_nothing()
    {
        Assert.False(JournalFileCheck.Run(_dir, Now).WasReset);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    public static TheoryData<string> Damage => ["cut short", "garbage header", "corrupt pages", "a directory"];

    [Theory]
    [MemberData(nameof(Damage))]
    public void Run_should_move_the_journal_aside_with_its_wal_and_shm_and_say_why_when_it_is_damaged(string damage)
    {
        WriteHealthyJournal();
        File.WriteAllText(Journal + "-wal", "stale wal");
        File.WriteAllText(Journal + "-shm", "stale shm");
        Damage_(damage);

        var verdict = JournalFileCheck.Run(_dir, Now);

        Assert.True(verdict.WasReset);
        Assert.Equal(MovedTo, verdict.MovedTo);
        Assert.False(File.Exists(Journal) || Directory.Exists(Journal));
        Assert.True(File.Exists(MovedTo) || Directory.Exists(MovedTo));
        Assert.True(File.Exists(MovedTo + "-wal"));
        Assert.True(File.Exists(MovedTo + "-shm"));
        Assert.False(File.Exists(Journal + "-wal"), "a stale WAL next to the new journal would be replayed into it");
        Assert.Contains(Journal, verdict.Explanation);
        Assert.Contains(MovedTo, verdict.Explanation);
        Assert.Contains("EMPTY journal", verdict.Explanation);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Problem));
    }

    private void Damage_(string damage)
    {
        switch (damage)
        {
            case "cut short":
                using (var f = new FileStream(Journal, FileMode.Open)) f.SetLength(f.Length / 3 + 100);
                break;
            case "garbage header":
                using (var f = new FileStream(Journal, FileMode.Open)) f.Write("this is not a database at all, sorry"u8);
                break;
            case "corrupt pages":
                using (var f = new FileStream(Journal, FileMode.Open))
                {
                    var junk = new byte[4096 * 6];
                    new Random(9).NextBytes(junk);
                    f.Position = 4096 * 3; // past the header page, into the table and index b-trees
                    f.Write(junk);
                }
                break;
            case "a directory":
                File.Delete(Journal);
                Directory.CreateDirectory(Journal);
                File.WriteAllText(Path.Combine(Journal, "oops"), "someone mkdir-ed it");
                break;
        }
    }

    [RootFact]
    public void Run_should_refuse_with_the_file_named_when_a_damaged_journal_cannot_be_moved_aside()
    {
        using var disk = new Tmpfs("1m");
        File.WriteAllText(Path.Combine(disk.Dir, "journal.db"), "this is not a database at all, sorry");
        disk.RemountReadOnly();

        var e = Assert.Throws<JournalUnusableException>(() => JournalFileCheck.Run(disk.Dir, Now));

        Assert.Contains(Path.Combine(disk.Dir, "journal.db"), e.Message);
        Assert.Contains("could not be moved aside", e.Message);
        Assert.Contains("by hand", e.Message);
    }
}
