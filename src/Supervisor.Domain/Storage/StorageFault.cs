namespace Supervisor.Domain.Storage;

/// <summary>Why the journal cannot take a write right now. Each is a fault of the storage, not of the write itself.</summary>
public enum StorageFaultKind
{
    DiskFull,
    ReadOnly,
    IoError,
    Damaged,
    CannotOpen,
    Locked,
    Unreachable,
    TimedOut,
}

/// <summary>
/// Sorts a journal error into "the storage is unavailable" (the write may be held in memory and retried: it is not
/// wrong, only not written yet) and everything else. A constraint violation on (persistence_id, sequence_nr) is never a
/// storage fault: it means another writer got there first — after a fail-over, the other side of a partition — and
/// is the fence that keeps two incarnations of a group or saga from both writing; it must fail as before.
/// </summary>
public static class StorageFaults
{
    /// <summary>SQLite primary result code (extended code &amp; 0xFF) → kind; null for anything else (constraint 19, SQL errors, misuse).</summary>
    public static StorageFaultKind? FromSqlite(int resultCode) => (resultCode & 0xFF) switch
    {
        13 => StorageFaultKind.DiskFull,     // SQLITE_FULL
        8 => StorageFaultKind.ReadOnly,      // SQLITE_READONLY
        10 => StorageFaultKind.IoError,      // SQLITE_IOERR
        11 or 26 => StorageFaultKind.Damaged, // SQLITE_CORRUPT, SQLITE_NOTADB
        14 => StorageFaultKind.CannotOpen,   // SQLITE_CANTOPEN
        5 or 6 => StorageFaultKind.Locked,   // SQLITE_BUSY, SQLITE_LOCKED
        7 => StorageFaultKind.IoError,       // SQLITE_NOMEM
        15 => StorageFaultKind.Locked,       // SQLITE_PROTOCOL (lock protocol)
        _ => null,
    };

    /// <summary>PostgreSQL SQLSTATE → kind; null for anything else (23505 unique violation above all).</summary>
    public static StorageFaultKind? FromPostgres(string sqlState) => sqlState switch
    {
        "53100" => StorageFaultKind.DiskFull,                                   // disk_full
        "25006" => StorageFaultKind.ReadOnly,                                   // read_only_sql_transaction (a standby)
        "58030" => StorageFaultKind.IoError,                                    // io_error
        "XX001" or "XX002" => StorageFaultKind.Damaged,                         // data_corrupted, index_corrupted
        "55P03" or "40P01" => StorageFaultKind.Locked,                          // lock_not_available, deadlock_detected
        "57014" => StorageFaultKind.TimedOut,                                   // query_canceled (statement timeout)
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StorageFaultKind.Unreachable, // connection exceptions
        _ when sqlState.StartsWith("57P", StringComparison.Ordinal) => StorageFaultKind.Unreachable, // admin/crash shutdown, cannot connect now
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => StorageFaultKind.DiskFull,     // insufficient resources
        _ => null,
    };

    /// <summary>What an operator does about it; <paramref name="location"/> is the data dir or the database server.</summary>
    public static string Fix(StorageFaultKind kind, string location) => kind switch
    {
        StorageFaultKind.DiskFull => $"free space on the file system of {location} (df -h {location})",
        StorageFaultKind.ReadOnly => $"the file system or file became read-only: check dmesg, remount {location} read-write, check the file's owner and mode",
        StorageFaultKind.IoError => $"the disk under {location} reports I/O errors: check dmesg and the disk, then restart the node",
        StorageFaultKind.Damaged => "the journal is damaged: restart the node; at start it moves the damaged file aside and starts with an empty journal",
        StorageFaultKind.CannotOpen => $"the journal file or {location} went away or lost its permissions: check that it exists and the service user may write it",
        StorageFaultKind.Locked => "another process holds the journal locked (sqlite3 left open in a transaction? another node on the same data dir?): close it",
        StorageFaultKind.Unreachable => $"{location} does not answer: check that it runs and that this node can reach it",
        StorageFaultKind.TimedOut => $"journal writes take too long: check the load on {location}",
        _ => "check the journal",
    };

    public static string Describe(StorageFaultKind kind) => kind switch
    {
        StorageFaultKind.DiskFull => "disk full",
        StorageFaultKind.ReadOnly => "read-only",
        StorageFaultKind.IoError => "I/O error",
        StorageFaultKind.Damaged => "damaged",
        StorageFaultKind.CannotOpen => "cannot open",
        StorageFaultKind.Locked => "locked by another process",
        StorageFaultKind.Unreachable => "unreachable",
        StorageFaultKind.TimedOut => "too slow",
        _ => kind.ToString(),
    };
}
