using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Supervisor.History.Store;

/// <summary>What is wrong with the history database, in the words an operator needs.</summary>
public enum HistoryFaultKind { Locked, ReadOnly, DiskFull, Unreachable, Corrupt, Denied, Other }

/// <summary>A classified database fault: where (file path or host), what, and how to fix it.</summary>
public sealed record HistoryFault(HistoryFaultKind Kind, string Where, string Problem, string Fix)
{
    public override string ToString() => $"{Where}: {Problem}; {Fix}";

    /// <summary>Turns an exception from either backend into a fault. Unknown exceptions are <see cref="HistoryFaultKind.Other"/>, with their message.</summary>
    public static HistoryFault Classify(Exception e, string where, string directory)
    {
        switch (Unwrap(e))
        {
            case SqliteException { SqliteErrorCode: 8 or 10 or 14 } s when DiagnoseDirectory(directory) is { } found:
                // SQLite's code for a read-only or full filesystem depends on which file it was writing (db, -wal, -shm):
                // ask the directory itself what is wrong.
                return found == HistoryFaultKind.DiskFull
                    ? new(HistoryFaultKind.DiskFull, where, $"the disk is full ({s.Message})", $"free space on the filesystem holding {directory}, or lower supervisor.stats.retention")
                    : new(HistoryFaultKind.ReadOnly, where, $"the filesystem is read-only ({s.Message})",
                        $"remount the filesystem holding {directory} read-write, or make it writable by the service user");
            case SqliteException s:
                return s.SqliteErrorCode switch
                {
                    5 or 6 => new(HistoryFaultKind.Locked, where, "the database is locked by another connection (SQLITE_BUSY)",
                        "another process holds a write transaction on it (a sqlite3 shell, a backup tool, or a second node on the same data-dir): close it"),
                    8 => new(HistoryFaultKind.ReadOnly, where, "the database is read-only (SQLITE_READONLY)",
                        $"make {where} and its directory {directory} writable by the service user, or remount the filesystem read-write"),
                    13 => new(HistoryFaultKind.DiskFull, where, "the disk is full (SQLITE_FULL)",
                        $"free space on the filesystem holding {directory}, or lower supervisor.stats.retention"),
                    14 => new(HistoryFaultKind.Denied, where, "cannot open the database file (SQLITE_CANTOPEN)",
                        $"check that {directory} exists, is a directory and is writable by the service user"),
                    11 or 26 => new(HistoryFaultKind.Corrupt, where, $"the database file is damaged ({s.Message})",
                        "it is moved aside and a fresh one is created"),
                    10 when IsDiskFull(s) => new(HistoryFaultKind.DiskFull, where, "the disk is full (SQLITE_IOERR)",
                        $"free space on the filesystem holding {directory}, or lower supervisor.stats.retention"),
                    10 => new(HistoryFaultKind.Other, where, $"I/O error ({s.Message})", $"check the disk holding {directory} (dmesg, SMART)"),
                    _ => new(HistoryFaultKind.Other, where, s.Message, "see the message; the write is retried"),
                };
            case PostgresException p:
                return p.SqlState switch
                {
                    "53100" => new(HistoryFaultKind.DiskFull, where, "the PostgreSQL server's disk is full (53100)",
                        "free space on the database server, or lower supervisor.stats.retention"),
                    "25006" => new(HistoryFaultKind.ReadOnly, where, "the server is read-only (25006: a standby, or default_transaction_read_only)",
                        "point supervisor.journal at the primary"),
                    "28P01" or "28000" => new(HistoryFaultKind.Denied, where, $"login refused ({p.SqlState})",
                        "check the user and password in supervisor.journal's connection string"),
                    "42501" => new(HistoryFaultKind.Denied, where, $"permission denied ({p.MessageText})",
                        "grant the journal's user CREATE on the database (the history tables stats_* are created at start)"),
                    "3D000" => new(HistoryFaultKind.Denied, where, "the database does not exist (3D000)", "create it, or fix Database= in the connection string"),
                    "57P01" or "57P02" or "57P03" => new(HistoryFaultKind.Unreachable, where, $"the server is shutting down or starting ({p.SqlState})",
                        "wait for it or start it; writes resume by themselves"),
                    "55P03" or "40P01" => new(HistoryFaultKind.Locked, where, $"lock not available ({p.SqlState})", "another session holds a lock on the stats_ tables"),
                    _ => new(HistoryFaultKind.Other, where, $"{p.SqlState}: {p.MessageText}", "see the message; the write is retried"),
                };
            case NpgsqlException n:
                return new(HistoryFaultKind.Unreachable, where, $"cannot reach the PostgreSQL server ({n.InnerException?.Message ?? n.Message})",
                    "check that the server runs and that this host can reach it (host, port, firewall); writes resume by themselves");
            case SocketException so:
                return new(HistoryFaultKind.Unreachable, where, $"cannot reach the server ({so.SocketErrorCode})",
                    "check that the server runs and that this host can reach it; writes resume by themselves");
            case TimeoutException t:
                return new(HistoryFaultKind.Unreachable, where, $"timed out ({t.Message})", "the database is too slow or unreachable; writes resume by themselves");
            case UnauthorizedAccessException u:
                return new(HistoryFaultKind.ReadOnly, where, $"access denied ({u.Message})", $"make {directory} writable by the service user");
            case IOException io when io.HResult == 28 || io.Message.Contains("space", StringComparison.OrdinalIgnoreCase):
                return new(HistoryFaultKind.DiskFull, where, $"the disk is full ({io.Message})", $"free space on the filesystem holding {directory}");
            case var other:
                return new(HistoryFaultKind.Other, where, $"{other.GetType().Name}: {other.Message}", "see the message; the write is retried");
        }
    }

    /// <summary>Writes a small probe file in <paramref name="directory"/>: read-only or full (or null when it can be written, or does not exist).</summary>
    private static HistoryFaultKind? DiagnoseDirectory(string directory)
    {
        if (!Directory.Exists(directory)) return null;
        var probe = Path.Combine(directory, $".stats-probe-{Environment.ProcessId}");
        try
        {
            using (var f = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
                f.Write(new byte[64 * 1024]);
            return null;
        }
        catch (IOException e) when (e.Message.Contains("space", StringComparison.OrdinalIgnoreCase)) { return HistoryFaultKind.DiskFull; }
        catch (IOException e) when (e.Message.Contains("read-only", StringComparison.OrdinalIgnoreCase)) { return HistoryFaultKind.ReadOnly; }
        catch (UnauthorizedAccessException) { return HistoryFaultKind.ReadOnly; }
        catch (IOException) { return null; }
        finally
        {
            try { File.Delete(probe); } catch (Exception) { /* nothing was created, or it goes with the directory */ }
        }
    }

    private static bool IsDiskFull(SqliteException s) => s.Message.Contains("full", StringComparison.OrdinalIgnoreCase);

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e is InvalidOperationException { InnerException: { } inner } && inner is NpgsqlException or SqliteException ? inner : e;
}
