using Supervisor.Domain.Agents;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Http;

/// <summary>
/// The common course of an action over a remote API: find the targets, act on all of them at once (each within the
/// step's deadline and each confirmed on its own), and sum the lines up. A fault before any target is the step's one line.
/// </summary>
internal static class PerTarget
{
    /// <param name="listing">What finding the targets is, for a timeout message ("listing the containers at …").</param>
    /// <param name="nothing">The step's output when there is nothing to do.</param>
    public static async Task<ActionOutcome> RunAsync<T>(
        ActionDeadline deadline, Func<CancellationToken, Task<IReadOnlyList<T>>> find, string listing, string nothing,
        Func<T, Task<TargetOutcome>> act, string noun, string done)
    {
        IReadOnlyList<T> targets;
        try
        {
            targets = await find(deadline.Token);
        }
        catch (RemoteApiProblem p) { return ActionOutcome.Failed(p.Message); }
        catch (OperationCanceledException) { return ActionOutcome.Failed($"{listing} {deadline.Why}"); }
        if (targets.Count == 0) return new ActionOutcome(true, 0, nothing);

        var lines = await Task.WhenAll(targets.Select(act));
        var ok = lines.All(l => l.Succeeded);
        return new ActionOutcome(ok, ok ? 0 : null, TargetSummary.Of(lines, noun, done)) { Targets = lines };
    }

    /// <summary>A probe's outcome: <paramref name="text"/>, then every target that would fail; failed when one would.</summary>
    public static ActionOutcome Probed(string text, IReadOnlyList<TargetOutcome> lines)
    {
        var failing = lines.Where(l => !l.Succeeded).Select(l => l.ToString()).ToList();
        return new ActionOutcome(failing.Count == 0, failing.Count == 0 ? 0 : null,
            failing.Count == 0 ? text : $"{text}; {string.Join("; ", failing)}") { Targets = lines };
    }
}
