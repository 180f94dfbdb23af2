using Microsoft.Data.Sqlite;

namespace Supervisor.Actors.Hosting;

/// <summary>
/// The single-node SQLite journal file, switched to write-ahead logging before the actor system opens it.
/// <para>
/// Why: in SQLite's default rollback mode a reader and a writer block each other, and Microsoft.Data.Sqlite
/// answers SQLITE_BUSY by sleeping 150 ms and retrying. On the shutdown path the saga's recovery read meets
/// another actor's write set off by the same quorum loss (the agent's fail-safe state is one), and the reaction
/// benchmark showed the saga starting 155 ms late in most runs of a warm process (6 ms with WAL). In WAL mode
/// readers never wait for the writer. The mode is stored in the file, so this is needed once per file; it is
/// repeated at every start because it is cheap and idempotent.
/// WAL keeps recent writes in <c>journal.db-wal</c> next to the file: back up all of <c>journal.db*</c> together
/// (or stop the node first).
/// </para>
/// </summary>
public static class SqliteJournalFile
{
    public const string FileName = "journal.db";

    public static string PathIn(string dataDir) => Path.GetFullPath(Path.Combine(dataDir, FileName));

    /// <summary>The connection string Akka's journal uses for <c>{dataDir}/journal.db</c>, built by the provider's builder (it quotes a path with ';' or '=').</summary>
    public static string ConnectionString(string dataDir) => new SqliteConnectionStringBuilder { DataSource = PathIn(dataDir) }.ToString();

    /// <summary>Sets journal_mode = WAL on <c>{dataDir}/journal.db</c> (created if missing); returns the mode SQLite reports.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or is locked by another process (another node on the same data dir?).</exception>
    public static string UseWriteAheadLog(string dataDir)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = PathIn(dataDir), DefaultTimeout = 5, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
