using System.Diagnostics;

namespace Supervisor.Actors.Tests.Hosting;

public sealed class SqliteJournalFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "supervisor-wal-" + Guid.NewGuid().ToString("N")[..8]);

    public SqliteJournalFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { /* best effort */ }
    }

    private string Mode()
    {
        using var connection = new SqliteConnection($"Data Source={SqliteJournalFile.PathIn(_dir)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public void UseWriteAheadLog_should_create_the_journal_file_in_wal_mode_and_the_mode_should_stick_to_the_file()
    {
        Assert.Equal("wal", SqliteJournalFile.UseWriteAheadLog(_dir));
        Assert.True(File.Exists(Path.Combine(_dir, "journal.db")));
        Assert.Equal("wal", Mode()); // a later connection (Akka's) finds the file in WAL mode
        Assert.Equal("wal", SqliteJournalFile.UseWriteAheadLog(_dir)); // every start repeats it harmlessly
    }

    [Fact]
    public void UseWriteAheadLog_should_keep_what_is_already_in_a_journal_in_rollback_mode()
    {
        using (var connection = new SqliteConnection($"Data Source={SqliteJournalFile.PathIn(_dir)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE journal (ordering INTEGER PRIMARY KEY, payload TEXT); INSERT INTO journal (payload) VALUES ('episode 1');";
            command.ExecuteNonQuery();
        }
        Assert.Equal("delete", Mode());

        SqliteJournalFile.UseWriteAheadLog(_dir);

        using var check = new SqliteConnection($"Data Source={SqliteJournalFile.PathIn(_dir)};Pooling=False");
        check.Open();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT payload FROM journal";
        Assert.Equal("episode 1", (string)read.ExecuteScalar()!);
        Assert.Equal("wal", Mode());
    }

    [Fact]
    public void UseWriteAheadLog_should_fail_within_its_timeout_when_another_process_holds_the_file_locked()
    {
        using var holder = new SqliteConnection($"Data Source={SqliteJournalFile.PathIn(_dir)};Pooling=False");
        holder.Open();
        using (var command = holder.CreateCommand())
        {
            command.CommandText = "CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);";
            command.ExecuteNonQuery();
        }

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<SqliteException>(() => SqliteJournalFile.UseWriteAheadLog(_dir));
        Assert.Contains("locked", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15)); // DefaultTimeout 5 s, not the 30 s default
    }
}
