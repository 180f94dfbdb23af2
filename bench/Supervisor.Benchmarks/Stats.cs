using System.Globalization;

namespace Supervisor.Benchmarks;

public static class Stats
{
    public static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    public static string F(double v, string format = "0.000") =>
        double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>What the machine was doing: the figures mean little without it (2 shared cores, often loaded).</summary>
    public static string MachineLine()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        return $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {load}, .NET {Environment.Version}, " +
               $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
