namespace Supervisor.Domain.Agents.Actions;

/// <summary>The one-line <c>Output</c> of a typed action from its per-target lines.</summary>
public static class TargetSummary
{
    /// <summary>E.g. <c>2 of 3 containers stopped; db: FAILED, still running</c>: the count, then every failed target's line.</summary>
    public static string Of(IReadOnlyList<TargetOutcome> targets, string noun, string done)
    {
        var ok = targets.Count(t => t.Succeeded);
        var failed = targets.Where(t => !t.Succeeded).Select(t => t.ToString()).ToList();
        var head = $"{ok} of {targets.Count} {noun} {done}";
        return failed.Count == 0 ? head : $"{head}; {string.Join("; ", failed)}";
    }
}
