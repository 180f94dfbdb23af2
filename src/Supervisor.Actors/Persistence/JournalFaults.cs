using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Supervisor.Domain.Storage;

namespace Supervisor.Actors.Persistence;

/// <summary>A journal error the storage is to blame for, with the driver's own words.</summary>
public sealed record StorageFault(StorageFaultKind Kind, string Message);

/// <summary>
/// Finds, in an exception from Akka.Persistence.Sql (often wrapped: AggregateException, linq2db), the database error
/// and sorts it with <see cref="StorageFaults"/>. The first database error found decides: a constraint violation is not
/// a storage fault however it is wrapped.
/// </summary>
public static class JournalFaults
{
    public static StorageFault? Classify(Exception error)
    {
        foreach (var e in Chain(error))
        {
            switch (e)
            {
                case SqliteException s:
                    return StorageFaults.FromSqlite(s.SqliteErrorCode) is { } sqlite ? new StorageFault(sqlite, Clean(s.Message)) : null;
                case PostgresException p:
                    return StorageFaults.FromPostgres(p.SqlState) is { } pg ? new StorageFault(pg, $"{p.SqlState}: {p.MessageText}") : null;
                case NpgsqlException n when n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException:
                    return new StorageFault(StorageFaultKind.Unreachable, n.Message);
                case TimeoutException t:
                    return new StorageFault(StorageFaultKind.TimedOut, t.Message);
                case SocketException so:
                    return new StorageFault(StorageFaultKind.Unreachable, so.Message);
            }
        }
        return null;
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException a) foreach (var inner in a.InnerExceptions.Reverse()) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }

    private static string Clean(string message) => message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal);
}
