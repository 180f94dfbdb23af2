using System.Globalization;

namespace Supervisor.Domain.Alerts;

/// <summary>How alert and power messages spell numbers, so every message reads the same ("charge 97 %", "4 min 12 s").</summary>
public static class AlertText
{
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A duration for people: "45 s", "4 min 12 s", "2 h 5 min" (seconds dropped above an hour).</summary>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        var seconds = (long)Math.Round(t.TotalSeconds);
        if (seconds < 60) return $"{seconds} s";
        if (seconds < 3600) return seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds / 60} min {seconds % 60} s";
        var minutes = seconds / 60;
        return minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min";
    }

    /// <summary>"charge 97 %, runtime 41 min, load 23 %" with only the numbers present; empty when none is.</summary>
    public static string Battery(double? charge, double? runtimeSeconds, double? load)
    {
        var parts = new List<string>();
        if (charge is { } c) parts.Add($"charge {Number(c)} %");
        if (runtimeSeconds is { } r) parts.Add($"runtime {Duration(TimeSpan.FromSeconds(r))}");
        if (load is { } l) parts.Add($"load {Number(l)} %");
        return string.Join(", ", parts);
    }

    /// <summary>Matches an id against a glob (<c>*</c> any run, <c>?</c> one character), case-insensitive.</summary>
    public static bool GlobMatches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t]))) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
