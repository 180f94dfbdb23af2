using Microsoft.Data.Sqlite;
using Npgsql;
using Supervisor.Actors.Hosting;
using Supervisor.Domain.Doctor;
using Supervisor.History.Hosting;
using Supervisor.History.Store;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// The journal and the stats store: a SQLite file must be sound (<c>PRAGMA integrity_check</c>) and in WAL mode; a
/// PostgreSQL server must answer. Read-only: a file that does not exist is not created, and nothing is repaired.
/// </summary>
internal static class StoreChecks
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(SupervisorSettings settings, CancellationToken ct)
    {
        var checks = new List<DoctorCheck>();
        if (settings.Journal is { Provider: JournalProvider.PostgreSql, ConnectionString: { } connection })
        {
            checks.Add(await PostgresAsync(connection, ct));
            if (settings.Stats.Enabled) checks.Add(await PostgresStatsAsync(settings, ct));
        }
        else
        {
            checks.AddRange(SqliteFile("journal", SqliteJournalFile.PathIn(settings.DataDir),
                "stop the node and start it again: `run` moves a damaged journal aside (keeping it as journal.db.corrupt-…) and starts with an empty one"));
            if (settings.Stats.Enabled)
                checks.AddRange(SqliteFile("stats store", StatsDbFile.PathIn(settings.DataDir),
                    "restart the node: it moves a damaged stats.db aside (stats.db.corrupt-…) and starts a new one; only history is lost"));
        }
        if (!settings.Stats.Enabled) checks.Add(DoctorCheck.Ok("stats store", "off (supervisor.stats.enabled = off)"));
        return checks;
    }

    /// <summary>Integrity and journal mode of one SQLite file; absent is fine (the node creates it).</summary>
    private static IReadOnlyList<DoctorCheck> SqliteFile(string check, string path, string repair)
    {
        if (Directory.Exists(path)) return [DoctorCheck.Fail(check, $"{path} is a directory, not a SQLite file", repair)];
        if (!File.Exists(path)) return [DoctorCheck.Ok(check, $"{path} does not exist yet; the node creates it")];
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = (int)Patience.TotalSeconds, Pooling = false };
        string integrity, mode;
        try
        {
            using var db = new SqliteConnection(builder.ToString());
            db.Open();
            integrity = Rows(db, "PRAGMA integrity_check;");
            mode = Rows(db, "PRAGMA journal_mode;");
        }
        catch (SqliteException e)
        {
            return [(e.SqliteErrorCode & 0xFF) is 5 or 6 // busy, locked: sound perhaps, but held by a writer
                ? DoctorCheck.Warn(check, $"{path} is locked ({e.Message})", $"run doctor again; if it stays locked, find what holds it (fuser {path})")
                : DoctorCheck.Fail(check, $"{path} cannot be read as a SQLite database: {e.Message}", repair)];
        }
        return
        [
            integrity == "ok"
                ? DoctorCheck.Ok(check, $"{path}: integrity_check ok")
                : DoctorCheck.Fail(check, $"{path}: integrity_check found damage: {integrity}", repair),
            mode == "wal"
                ? DoctorCheck.Ok(check + " mode", "journal_mode = wal")
                : DoctorCheck.Warn(check + " mode", $"journal_mode = {mode}, not wal: readers and the writer block each other", "start the node once: it switches the file to WAL"),
        ];
    }

    private static string Rows(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read() && rows.Count < 3) rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return string.Join("; ", rows);
    }

    private static async Task<DoctorCheck> PostgresAsync(Secret connection, CancellationToken ct)
    {
        var where = Where(connection);
        try
        {
            await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.Reveal()) { Timeout = (int)Patience.TotalSeconds, Pooling = false }.ToString());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Patience * 2);
            await db.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT version()", db);
            var version = Convert.ToString(await command.ExecuteScalarAsync(timeout.Token), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            return DoctorCheck.Ok("journal", $"PostgreSQL {where} answers ({version.Split(',')[0]})");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or ArgumentException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return DoctorCheck.Fail("journal", $"PostgreSQL {where} does not answer: {Clean(e, connection)}",
                "start PostgreSQL or fix supervisor.journal.connection-string (host, port, database, user, password); check with psql");
        }
    }

    private static async Task<DoctorCheck> PostgresStatsAsync(SupervisorSettings settings, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Patience);
            var days = await HistoryHosting.Query(settings.Stats, settings.DataDir, settings.Journal).DeviceDaySummariesAsync(timeout.Token);
            return DoctorCheck.Ok("stats store", $"stats_* tables in the journal database answer ({days.Count} device(s) with history in the last 24 h)");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return DoctorCheck.Ok("stats store", "the stats_* tables do not exist yet; the node creates them");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return DoctorCheck.Fail("stats store", $"the stats_* tables in the journal database cannot be read: {Clean(e, settings.Journal.ConnectionString!)}",
                "check the journal database above; the node's user needs to create and read tables there");
        }
    }

    /// <summary>host:port/database, never the user or password.</summary>
    private static string Where(Secret connection)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connection.Reveal());
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException) { return "(connection string not readable)"; }
    }

    /// <summary>A driver message may quote the connection string: the password is masked whatever it says.</summary>
    private static string Clean(Exception e, Secret connection)
    {
        var message = e is OperationCanceledException ? $"no answer within {Patience.TotalSeconds * 2:0} s" : e.Message;
        var password = Password(connection);
        return password is { Length: > 0 } ? message.Replace(password, Domain.Text.SecretRedactor.Mask, StringComparison.Ordinal) : message;
    }

    private static string? Password(Secret connection)
    {
        try { return new NpgsqlConnectionStringBuilder(connection.Reveal()).Password; }
        catch (ArgumentException) { return null; }
    }
}
