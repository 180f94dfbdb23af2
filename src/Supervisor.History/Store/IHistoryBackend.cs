using System.Data.Common;

namespace Supervisor.History.Store;

/// <summary>
/// One history database: SQLite (<see cref="SqliteHistoryBackend"/>) or PostgreSQL (<see cref="PostgresHistoryBackend"/>).
/// The writer, the maintenance and the queries are written once against this; only connections, the bulk sample
/// insert and damage repair differ.
/// </summary>
public interface IHistoryBackend
{
    /// <summary>Where the data lives, for logs and faults: the file path, or <c>postgresql host:port/database</c> (never the password).</summary>
    string Where { get; }

    /// <summary>What an operator fixes when writes fail: the data directory, or the database server.</summary>
    string Location { get; }

    HistoryDialect Dialect { get; }

    /// <summary>
    /// Makes the database usable: repairs what can be repaired (a damaged SQLite file is moved aside and replaced) and
    /// runs the missing migrations. Returns what it did, for the log. Throws when the database cannot be reached or written.
    /// </summary>
    IReadOnlyList<HistoryNote> Prepare(DateTimeOffset now);

    /// <summary>An open connection for the writer (long-lived; the caller disposes it).</summary>
    DbConnection OpenWriter();

    /// <summary>An open connection for one query (pooled; dispose it after the query).</summary>
    Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>The bulk sample insert for this backend, on the writer's connection (prepared once, reused per batch).</summary>
    ISampleSink CreateSampleSink(DbConnection writer);

    /// <summary>
    /// After a write failed with <paramref name="error"/>: when it shows the database is damaged and can be replaced,
    /// moves it aside and returns what was done; otherwise null (retry later, the fault is elsewhere).
    /// </summary>
    string? TryReplaceDamaged(Exception error, DateTimeOffset now);
}

/// <summary>Something the store did that the log should say: a problem repaired (a damaged file moved aside) or routine (created, migrated).</summary>
public sealed record HistoryNote(bool IsProblem, string Text);

/// <summary>Inserts samples within the writer's transaction: row by row through one prepared statement, or in arrays.</summary>
public interface ISampleSink : IDisposable
{
    void Begin(DbTransaction transaction);
    void Add(long series, long timeMs, double value);

    /// <summary>Sends whatever is buffered; returns how many rows were new (duplicates of (series, time) are skipped).</summary>
    int Complete();
}
