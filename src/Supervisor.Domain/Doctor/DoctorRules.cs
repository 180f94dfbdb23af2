using System.Globalization;

namespace Supervisor.Domain.Doctor;

/// <summary>The thresholds <c>supervisor doctor</c> judges by, kept pure so each edge is tested.</summary>
public static class DoctorRules
{
    /// <summary>Below this the journal and stats.db may soon fail to grow: a warning.</summary>
    public const long LowFreeBytes = 1L << 30;

    /// <summary>Below this a write may fail any minute (SQLite needs room for its WAL and checkpoints): a failure.</summary>
    public const long TooLittleFreeBytes = 100L << 20;

    /// <summary>A certificate that ends within this is renewed now, before a node restart meets an expired one.</summary>
    public static readonly TimeSpan CertificateWarning = TimeSpan.FromDays(30);

    public static DoctorCheck FreeSpace(string check, string dir, long freeBytes)
    {
        var free = Bytes(freeBytes);
        if (freeBytes < TooLittleFreeBytes)
            return DoctorCheck.Fail(check, $"{free} free on the file system of {dir}", $"free space there (at least {Bytes(LowFreeBytes)}) or move data-dir to a larger disk");
        if (freeBytes < LowFreeBytes)
            return DoctorCheck.Warn(check, $"only {free} free on the file system of {dir}", $"free space there (at least {Bytes(LowFreeBytes)}) before the journal and stats.db need it");
        return DoctorCheck.Ok(check, $"{free} free");
    }

    public static DoctorCheck CertificateExpiry(string check, string file, DateTimeOffset notAfter, DateTimeOffset now, string renew)
    {
        var left = notAfter - now;
        var date = notAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        if (left <= TimeSpan.Zero)
            return DoctorCheck.Fail(check, $"{file} expired on {date}", renew);
        if (left < CertificateWarning)
            return DoctorCheck.Warn(check, $"{file} expires on {date}, in {(int)left.TotalDays} day(s)", renew);
        return DoctorCheck.Ok(check, $"{file} valid until {date} ({(int)left.TotalDays} days)");
    }

    /// <summary>1.5 GiB, 80 MiB, 512 B: binary units, one decimal.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
