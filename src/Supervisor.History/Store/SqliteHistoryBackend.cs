using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Supervisor.History.Store;

/// <summary>
/// The single-node history store: its own file <c>data-dir/stats.db</c>, never the journal. Write-ahead logging, so the
/// queries never wait for the writer nor the writer for them; <c>synchronous = NORMAL</c>, so a commit does not wait for
/// fsync (a power cut can lose the last second of samples but never corrupts the file: acceptable for statistics,
/// and the journal keeps its own, stricter settings).
/// </summary>
public sealed class SqliteHistoryBackend : IHistoryBackend
{
    /// <summary>How long a write waits for another connection's lock before it fails and is retried later.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;

    public SqliteHistoryBackend(string dataDir, TimeSpan? busyTimeout = null)
    {
        var busy = (int)Math.Ceiling((busyTimeout ?? DefaultBusyTimeout).TotalSeconds);
        Location = Path.GetFullPath(dataDir);
        Where = StatsDbFile.PathIn(dataDir);
        // A long-lived writer without pooling (a pooled connection could outlive a move-aside and keep the old file);
        // queries pooled, because opening a connection is most of a short query's time.
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Where, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = busy,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Where, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = busy,
        }.ToString();
    }

    public string Where { get; }
    public string Location { get; }
    public HistoryDialect Dialect => HistoryDialect.Sqlite;

    public IReadOnlyList<HistoryNote> Prepare(DateTimeOffset now)
    {
        var notes = new List<HistoryNote>();
        Directory.CreateDirectory(Location);
        if (StatsDbFile.Inspect(Where) is { } damage) notes.Add(new(true, MoveAside(damage, now)));
        try
        {
            Migrate(notes);
        }
        catch (SqliteException e) when (IsDamage(e))
        {
            // The header looked fine but SQLite found the inside damaged: same remedy, once.
            notes.Add(new(true, MoveAside($"SQLite reports it damaged ({e.Message})", now)));
            Migrate(notes);
        }
        return notes;
    }

    private void Migrate(List<HistoryNote> notes)
    {
        using var connection = OpenWriter();
        var from = HistoryMigrations.Migrate(connection, Dialect);
        if (from != HistoryMigrations.Current)
            notes.Add(new(false, from == 0 ? $"created {Where} (schema version {HistoryMigrations.Current})"
                                           : $"migrated {Where} from schema version {from} to {HistoryMigrations.Current}"));
    }

    public DbConnection OpenWriter() => OpenedConnection.Open(new SqliteConnection(_writeConnectionString), connection =>
    {
        using var pragma = connection.CreateCommand();
        // Every series appends to its own leaf page, so a batch from 100 devices dirties ~1 500 pages. A 32 MB page cache
        // keeps them; checkpointing every 16 384 WAL pages (64 MB, not SQLite's 1 000) lets a page rewritten by many
        // batches reach the database file once, instead of one checkpoint and fsync of ~6 MB per batch.
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 16384;";
        pragma.ExecuteNonQuery();
    });

    public Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        OpenedConnection.OpenAsync(new SqliteConnection(_readConnectionString), cancellationToken);

    public ISampleSink CreateSampleSink(DbConnection writer) => new SqliteSampleSink((SqliteConnection)writer, Dialect);

    public string? TryReplaceDamaged(Exception error, DateTimeOffset now) =>
        error is SqliteException s && IsDamage(s) ? MoveAside($"SQLite reports it damaged ({s.Message})", now) : null;

    private static bool IsDamage(SqliteException e) => e.SqliteErrorCode is 11 or 26; // SQLITE_CORRUPT, SQLITE_NOTADB

    private string MoveAside(string damage, DateTimeOffset now)
    {
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString)); // no pooled query connection keeps the old file
        var moved = StatsDbFile.MoveAside(Where, now);
        return $"{Where} was damaged: {damage}. Moved it aside to {moved} (keep it for inspection, or delete it) and started a fresh one; " +
               "the history before this moment is in that file. The journal was not touched";
    }

    /// <summary>One prepared single-row insert, executed per sample inside the batch's transaction: SQLite's fastest path.</summary>
    private sealed class SqliteSampleSink : ISampleSink
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _series, _time, _value;
        private int _added;

        public SqliteSampleSink(SqliteConnection connection, HistoryDialect dialect)
        {
            _insert = connection.CreateCommand();
            _insert.CommandText = dialect.Sql("INSERT INTO {p}samples (series, time, value) VALUES (@s, @t, @v) ON CONFLICT DO NOTHING");
            _series = _insert.Parameters.Add("@s", SqliteType.Integer);
            _time = _insert.Parameters.Add("@t", SqliteType.Integer);
            _value = _insert.Parameters.Add("@v", SqliteType.Real);
        }

        public void Begin(DbTransaction transaction)
        {
            _insert.Transaction = (SqliteTransaction)transaction;
            _insert.Prepare();
            _added = 0;
        }

        public void Add(long series, long timeMs, double value)
        {
            _series.Value = series;
            _time.Value = timeMs;
            _value.Value = value;
            _added += _insert.ExecuteNonQuery();
        }

        public int Complete() => _added;

        public void Dispose() => _insert.Dispose();
    }
}
