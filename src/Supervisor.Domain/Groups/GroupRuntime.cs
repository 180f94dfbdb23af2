namespace Supervisor.Domain.Groups;

/// <summary>How long a group can keep its load up, from its members' own runtime estimates.</summary>
public static class GroupRuntime
{
    /// <summary>
    /// The group survives while <paramref name="minHealthy"/> members survive, so its runtime is the
    /// min-healthy-th longest member runtime. Members that report no runtime (plugs, meters) are left out;
    /// with fewer reporting members than min-healthy, the shortest reported one is used (the cautious pick).
    /// Null when no member reports a runtime — then deadlines are never shortened.
    /// </summary>
    public static TimeSpan? Estimate(IEnumerable<double?> memberRuntimeSeconds, int minHealthy)
    {
        var known = memberRuntimeSeconds.Where(r => r is >= 0).Select(r => r!.Value).OrderByDescending(r => r).ToList();
        if (known.Count == 0) return null;
        var index = Math.Clamp(minHealthy, 1, known.Count) - 1;
        return TimeSpan.FromSeconds(known[index]);
    }
}
