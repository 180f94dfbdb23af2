using System.Globalization;

namespace Supervisor.Benchmarks;

/// <summary>Reading the supervisor's console log times.</summary>
public static class LogClock
{
    /// <summary>The console logger's "HH:mm:ss.fff" (local time, ms resolution) on the day closest to <paramref name="near"/>.</summary>
    public static DateTimeOffset Time(string line, DateTimeOffset near)
    {
        var time = TimeSpan.ParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
        var local = near.ToLocalTime();
        var candidates = new[] { -1, 0, 1 }.Select(d => new DateTimeOffset(local.Date.AddDays(d) + time, local.Offset));
        return candidates.MinBy(c => Math.Abs((c - near).Ticks));
    }

}
