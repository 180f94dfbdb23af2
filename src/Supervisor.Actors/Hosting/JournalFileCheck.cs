using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Supervisor.Actors.Hosting;

/// <summary>What the start-up check did to the SQLite journal.</summary>
/// <param name="MovedTo">Where the damaged journal went; null when it was fine (or new).</param>
/// <param name="Problem">What was wrong with it, as SQLite (or the file system) put it.</param>
public sealed record JournalFileVerdict(string Journal, string? MovedTo, string? Problem)
{
    public bool WasReset => MovedTo is not null;

    /// <summary>The loud explanation for the log and for <c>supervisor status</c>.</summary>
    public string Explanation => MovedTo is null
        ? $"SQLite journal {Journal} checked: ok"
        : $"SQLite journal {Journal} was damaged ({Problem}); it was moved aside to {MovedTo} and this node started with an EMPTY journal: " +
          "groups start again at episode 0, a saga that was running is not resumed (if power is still out a new saga starts, and steps that " +
          "already ran may run again), and this node's agent no longer knows which steps it ran. Keep the old file to see what was in it " +
          $"(sqlite3 {MovedTo} .recover)";
}

/// <summary>The journal cannot be used and cannot be moved aside: the node must not start.</summary>
public sealed class JournalUnusableException(string message) : Exception(message);

/// <summary>
/// Checks the SQLite journal before Akka opens it: that <c>journal.db</c> is a file and that SQLite's
/// <c>PRAGMA quick_check</c> finds it intact. A damaged journal (cut short, garbage header, corrupt pages, replaced
/// by a directory) is moved aside with its -wal and -shm and the node starts with a new one, saying so loudly; left in
/// place it made the node run for good with supervision silently off (Akka's journal failed to start, and every group
/// waited for it). Why move aside rather than refuse: see docs/architecture.md, "A damaged journal".
/// </summary>
public static class JournalFileCheck
{
    // SQLite primary result codes that mean "this file is not a sound database" rather than "someone holds it".
    private const int Corrupt = 11, NotADatabase = 26, IoError = 10, Format = 24;

    /// <exception cref="JournalUnusableException">The journal is damaged and could not be moved aside, or cannot be opened at all.</exception>
    public static JournalFileVerdict Run(string dataDir, DateTimeOffset now)
    {
        var journal = SqliteJournalFile.PathIn(dataDir);
        var problem = Directory.Exists(journal) ? "it is a directory, not a file" : File.Exists(journal) ? Inspect(journal) : null;
        if (problem is null) return new JournalFileVerdict(journal, null, null);
        return new JournalFileVerdict(journal, MoveAside(journal, now, problem), problem);
    }

    /// <summary>Null when SQLite finds the file sound; else SQLite's description of the damage.</summary>
    private static string? Inspect(string journal)
    {
        // immutable: SQLite reads the main file as it is, takes no lock and leaves the -wal alone. A normal open would
        // checkpoint and delete a WAL on close, destroying the evidence (and a sound main file is what a WAL builds on).
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = new Uri(journal).AbsoluteUri + "?immutable=1", Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 5, Pooling = false,
        };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read() && rows.Count < 3) rows.Add(reader.GetString(0));
            return rows is ["ok"] ? null : "quick_check: " + string.Join("; ", rows);
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is Corrupt or NotADatabase or IoError or Format)
        {
            return e.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal);
        }
        catch (SqliteException e)
        {
            // Locked, busy, no permission: the file may be fine, but this node could not use it either.
            throw new JournalUnusableException($"SQLite journal {journal} cannot be opened: {e.Message}. Is another program holding it " +
                                               "(sqlite3 left open in a transaction)? Does the service user own it? Fix that and start again");
        }
    }

    private static string MoveAside(string journal, DateTimeOffset now, string problem)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = $"{journal}.corrupt-{stamp}";
        for (var n = 1; File.Exists(target) || Directory.Exists(target); n++) target = $"{journal}.corrupt-{stamp}-{n}";
        try
        {
            if (Directory.Exists(journal)) Directory.Move(journal, target);
            else File.Move(journal, target);
            // Its WAL and shared memory go with it: a stale WAL next to a new journal.db would be replayed into it.
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
                if (File.Exists(journal + suffix)) File.Move(journal + suffix, target + suffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JournalUnusableException($"SQLite journal {journal} is damaged ({problem}) and could not be moved aside: {e.Message}. " +
                                               $"Move it (and any {Path.GetFileName(journal)}-wal/-shm) out of the data dir by hand, then start again");
        }
        return target;
    }
}
