using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Supervisor.History.Store;

/// <summary>
/// The SQLite history file <c>data-dir/stats.db</c> and what to do when it is damaged. Damage is found without opening
/// the file (cheap, whatever its size): a directory or other non-file where the file should be, a header that is not
/// SQLite's, or a file shorter than its header says (cut short by a full disk, a failed copy, a truncation). Damage
/// SQLite itself reports later (SQLITE_CORRUPT, SQLITE_NOTADB) is handled the same way. A damaged file is moved aside
/// to <c>stats.db.corrupt-&lt;UTC timestamp&gt;</c> (with its <c>-wal</c> and <c>-shm</c>) so nothing is lost, and a fresh one
/// is created. Only these three names are ever touched: never the journal, which shares the directory.
/// </summary>
public static class StatsDbFile
{
    public const string FileName = "stats.db";
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public static string PathIn(string dataDir) => Path.GetFullPath(Path.Combine(dataDir, FileName));

    /// <summary>What is wrong with the file at <paramref name="path"/>, or null when it is absent, empty or looks sound.</summary>
    public static string? Inspect(string path)
    {
        if (Directory.Exists(path)) return "it is a directory, not a file";
        if (!File.Exists(path)) return null;
        var info = new FileInfo(path);
        if ((info.Attributes & FileAttributes.Device) != 0) return "it is a device, not a regular file";
        var length = info.Length;
        if (length == 0) return null; // SQLite treats an empty file as an empty database
        var header = new byte[100];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length) return $"it is {length} bytes long, shorter than a SQLite header (cut short, or not a database)";
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return "it does not start with the SQLite header (not a SQLite database)";

        var pageSize = (long)BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16, 2));
        if (pageSize == 1) pageSize = 65536;
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0) return $"its header names an impossible page size ({pageSize})";
        // The in-header page count is valid only when "version-valid-for" equals the change counter (SQLite file format §1.3.7).
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24, 4));
        var pages = (long)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28, 4));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92, 4));
        if (validFor == changeCounter && pages > 0 && length < pages * pageSize)
            return $"it is {length} bytes long but its header says {pages} pages of {pageSize} bytes ({pages * pageSize} bytes): cut short";
        if (length % pageSize != 0) return $"its length {length} is not a whole number of {pageSize}-byte pages: cut short";
        return null;
    }

    /// <summary>
    /// Moves the damaged file (and its -wal, -shm) to <c>&lt;name&gt;.corrupt-&lt;yyyyMMddTHHmmssZ&gt;</c> next to it; returns the new path.
    /// A second move in the same second gets a numeric suffix rather than overwriting the first.
    /// </summary>
    public static string MoveAside(string path, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = $"{path}.corrupt-{stamp}";
        for (var n = 2; File.Exists(target) || Directory.Exists(target); n++) target = $"{path}.corrupt-{stamp}-{n}";
        if (Directory.Exists(path)) Directory.Move(path, target);
        else File.Move(path, target);
        foreach (var suffix in new[] { "-wal", "-shm" })
            if (File.Exists(path + suffix)) File.Move(path + suffix, target + suffix);
        return target;
    }
}
