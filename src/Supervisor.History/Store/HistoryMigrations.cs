using System.Data.Common;
using System.Globalization;

namespace Supervisor.History.Store;

/// <summary>
/// The store's schema as numbered, additive steps. The program runs the missing ones at start, each in its own
/// transaction together with the <c>schema_version</c> update, so a crash mid-migration leaves the previous version.
/// Never edit a released step: add a new one. A database newer than this program is refused, not "downgraded".
/// </summary>
public static class HistoryMigrations
{
    /// <summary>Step 1: series, raw samples, both aggregate tiers and events.</summary>
    private const string V1 = """
        CREATE TABLE {p}series (id {id}, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, metric TEXT NOT NULL, unit TEXT NOT NULL,
            UNIQUE (subject_kind, subject_id, metric));
        CREATE TABLE {p}samples (series {bigint} NOT NULL, time {bigint} NOT NULL, value {real} NOT NULL, PRIMARY KEY (series, time)){norowid};
        CREATE TABLE {p}agg_5m (series {bigint} NOT NULL, bucket {bigint} NOT NULL, min {real} NOT NULL, max {real} NOT NULL, avg {real} NOT NULL,
            last {real} NOT NULL, count {bigint} NOT NULL, sum {real}, PRIMARY KEY (series, bucket)){norowid};
        CREATE TABLE {p}agg_1h (series {bigint} NOT NULL, bucket {bigint} NOT NULL, min {real} NOT NULL, max {real} NOT NULL, avg {real} NOT NULL,
            last {real} NOT NULL, count {bigint} NOT NULL, sum {real}, PRIMARY KEY (series, bucket)){norowid};
        CREATE TABLE {p}events (id TEXT PRIMARY KEY, time {bigint} NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
            subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, group_id TEXT, message TEXT NOT NULL, details TEXT NOT NULL);
        CREATE INDEX {p}events_time ON {p}events (time, id);
        """;

    /// <summary>Step 2: the saga an event belongs to, for <c>events --saga</c> (backfilled from saga subjects), and a subject index.</summary>
    private const string V2 = """
        ALTER TABLE {p}events ADD COLUMN saga_id TEXT;
        UPDATE {p}events SET saga_id = subject_id WHERE subject_kind = 'saga';
        CREATE INDEX {p}events_saga ON {p}events (saga_id, time);
        CREATE INDEX {p}events_subject ON {p}events (subject_kind, subject_id, time);
        """;

    /// <summary>
    /// Step 3, PostgreSQL only (SQLite's rowid-less table already stores the value in its key's B-tree): the samples key
    /// carries the value (<c>INCLUDE</c>), so a range read is an index-only scan instead of one heap page per few rows; and
    /// the table is vacuumed after each 1 % of growth instead of 20 %, because an index-only scan reads the heap anyway for
    /// pages not yet marked all-visible, which would otherwise be the last hours of a table kept 48 h.
    /// </summary>
    private const string V3 = """
        ALTER TABLE {p}samples DROP CONSTRAINT {p}samples_pkey, ADD PRIMARY KEY (series, time) INCLUDE (value);
        ALTER TABLE {p}samples SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.01)
        """;

    private static readonly (string Sql, bool PostgresOnly)[] Steps = [(V1, false), (V2, false), (V3, true)];

    public static int Current => Steps.Length;

    /// <summary>Brings the database to <paramref name="target"/> (default: current); returns the version it started from.</summary>
    /// <exception cref="InvalidOperationException">The database is newer than this program.</exception>
    public static int Migrate(DbConnection connection, HistoryDialect dialect, int? target = null)
    {
        var goal = target ?? Current;
        var start = -1;
        while (true)
        {
            using var tx = connection.BeginTransaction();
            // Several nodes may start at once on one PostgreSQL: concurrent CREATE TABLE races (akka-notes §2), so one at a time.
            if (dialect.IsPostgres) Execute(connection, tx, "SELECT pg_advisory_xact_lock(7401311)");
            Execute(connection, tx, dialect.Sql("CREATE TABLE IF NOT EXISTS {p}schema_version (version INTEGER NOT NULL)"));
            var version = ReadVersion(connection, tx, dialect);
            if (start < 0) start = version;
            if (version > Current)
                throw new InvalidOperationException(
                    $"the history store has schema version {version} but this program knows only up to {Current}: it was written by a newer Supervisor; upgrade this node");
            if (version >= goal) { tx.Commit(); return start; }

            var step = Steps[version];
            if (dialect.IsPostgres || !step.PostgresOnly)
                foreach (var statement in Statements(dialect.Sql(step.Sql)))
                    Execute(connection, tx, statement);
            Execute(connection, tx, dialect.Sql($"UPDATE {{p}}schema_version SET version = {(version + 1).ToString(CultureInfo.InvariantCulture)}"));
            tx.Commit();
        }
    }

    /// <summary>The schema version of an open database (0 = empty).</summary>
    public static int ReadVersion(DbConnection connection, DbTransaction? tx, HistoryDialect dialect)
    {
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = dialect.Sql("SELECT version FROM {p}schema_version");
        var value = read.ExecuteScalar();
        if (value is not null and not DBNull) return Convert.ToInt32(value, CultureInfo.InvariantCulture);
        Execute(connection, tx, dialect.Sql("INSERT INTO {p}schema_version (version) VALUES (0)"));
        return 0;
    }

    private static IEnumerable<string> Statements(string script) =>
        script.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0);

    private static void Execute(DbConnection connection, DbTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
