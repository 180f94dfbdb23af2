using System.Globalization;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>Where one domain is on its way down: shutdown asked → (destroy sent) → confirmed off; or never started.</summary>
public enum DomainPhase
{
    /// <summary><c>shutdown</c> was sent; waiting for the guest to power off.</summary>
    ShuttingDown,
    /// <summary>Still running at force-after: <c>destroy</c> was sent; waiting to see it off.</summary>
    Destroying,
    /// <summary>Confirmed off after the guest's own shutdown.</summary>
    ShutOff,
    /// <summary>Confirmed off after <c>destroy</c>.</summary>
    Destroyed,
    /// <summary>A listed domain that was already shut off: nothing to do.</summary>
    AlreadyOff,
    /// <summary>A listed domain that does not exist on this connection: a config mistake.</summary>
    Missing,
}

/// <param name="SettledAt">When it was seen off (time since the action began).</param>
/// <param name="Note">The last thing worth telling about it: a refused command, an unreadable state, its last state.</param>
public sealed record DomainWatch(string Name, DomainPhase Phase, TimeSpan? SettledAt = null, string? Note = null)
{
    public bool Settled => Phase is DomainPhase.ShutOff or DomainPhase.Destroyed or DomainPhase.AlreadyOff or DomainPhase.Missing;

    public bool Off => Phase is DomainPhase.ShutOff or DomainPhase.Destroyed or DomainPhase.AlreadyOff;
}

/// <summary>What one poll of <c>domstate</c> found: the state virsh printed, or that the domain is gone, or why it could not tell.</summary>
public sealed record DomainState(string? State, bool Gone = false, string? Problem = null)
{
    public bool IsOff => Gone || State == "shut off";

    public static DomainState Read(VirshReply domstate, bool listed) =>
        domstate.Ok ? new(domstate.Lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim())
        : !listed && VirshReplies.IsUnknownDomain(domstate) ? new(null, Gone: true)
        : new(null, Problem: domstate.Error);
}

/// <summary>The whole action's limits: <paramref name="Timeout"/> (the step's), <paramref name="ForceAfter"/> (null: never destroy).</summary>
/// <param name="LastLook">Kept free at the end: no poll starts later than this before the timeout, so the last one has
/// time to be answered inside the step's timeout instead of being cut off (and misread as "state unreadable").</param>
public sealed record DomainShutdownPolicy(TimeSpan Timeout, TimeSpan? ForceAfter, TimeSpan PollEvery, TimeSpan LastLook = default)
{
    /// <summary>A quarter of the timeout, at most 2 s: what one round of virsh commands needs on a busy host.</summary>
    public static TimeSpan LastLookFor(TimeSpan timeout) => timeout / 4 < TimeSpan.FromSeconds(2) ? timeout / 4 : TimeSpan.FromSeconds(2);

    public TimeSpan PollingEnds => Timeout - LastLook;
}

/// <summary>The next thing to do: destroy these, poll those, then wait <paramref name="Wait"/>; or stop.</summary>
public sealed record DomainShutdownStep(IReadOnlyList<string> Destroy, IReadOnlyList<string> Poll, TimeSpan Wait, bool Finished);

/// <summary>
/// The libvirt action's state machine, pure: the executor feeds it what virsh said and the elapsed time and does what
/// <see cref="Next"/> says. Time is only ever passed in, so tests drive it with any clock.
/// </summary>
public static class DomainShutdownRules
{
    /// <summary>Where a domain starts: missing (listed, but not on the host), already off, or to be shut down.</summary>
    public static DomainWatch Begin(string name, bool exists, string? state) =>
        !exists ? new(name, DomainPhase.Missing)
        : state == "shut off" ? new(name, DomainPhase.AlreadyOff)
        : new(name, DomainPhase.ShuttingDown);

    /// <summary>After <c>shutdown</c> was sent: a refusal is kept to tell (the poll still decides whether it is off).</summary>
    public static DomainWatch ShutdownSent(DomainWatch w, VirshReply reply) =>
        reply.Ok ? w : w with { Note = $"shutdown refused: {reply.Error}" };

    public static DomainWatch DestroySent(DomainWatch w, VirshReply reply) =>
        w with { Phase = DomainPhase.Destroying, Note = reply.Ok ? null : $"destroy refused: {reply.Error}" };

    /// <summary>
    /// A poll's answer. A domain that vanished (domstate cannot find it and <c>list --all</c> no longer lists it) counts as
    /// off: a transient domain is removed when it stops. A state virsh could not read keeps it open with the reason.
    /// </summary>
    public static DomainWatch Observe(DomainWatch w, DomainState s, TimeSpan elapsed)
    {
        if (w.Settled) return w;
        if (s.IsOff)
            return w with { Phase = w.Phase == DomainPhase.Destroying ? DomainPhase.Destroyed : DomainPhase.ShutOff, SettledAt = elapsed, Note = s.Gone ? "gone (a transient domain is removed when it stops)" : null };
        return s.Problem is { } problem ? w with { Note = $"state unreadable: {problem}" } : w with { Note = w.Note is { } n && n.Contains("refused") ? n : $"last seen {s.State}" };
    }

    public static DomainShutdownStep Next(IReadOnlyList<DomainWatch> watches, TimeSpan elapsed, DomainShutdownPolicy policy)
    {
        var open = watches.Where(w => !w.Settled).ToList();
        if (open.Count == 0 || elapsed >= policy.PollingEnds) return new([], [], TimeSpan.Zero, true);
        var forceDue = policy.ForceAfter is { } f && elapsed >= f;
        var destroy = forceDue ? open.Where(w => w.Phase == DomainPhase.ShuttingDown).Select(w => w.Name).ToList() : [];
        // Wake for the next poll, but no later than force-after (destroy on time) or the timeout (report on time).
        var wait = policy.PollEvery;
        if (policy.ForceAfter is { } force && !forceDue && force - elapsed < wait) wait = force - elapsed;
        if (policy.PollingEnds - elapsed < wait) wait = policy.PollingEnds - elapsed;
        return new(destroy, open.Select(w => w.Name).ToList(), wait, false);
    }

    public static TargetOutcome Outcome(DomainWatch w, DomainShutdownPolicy policy, string uri) => w.Phase switch
    {
        DomainPhase.ShutOff => new(w.Name, true, $"shut off after {Seconds(w.SettledAt)}" + (w.Note is { } n ? $"; {n}" : "")),
        DomainPhase.Destroyed => new(w.Name, true, $"destroyed after force-after {Seconds(policy.ForceAfter)}, off at {Seconds(w.SettledAt)}"),
        DomainPhase.AlreadyOff => new(w.Name, true, "already shut off"),
        DomainPhase.Missing => new(w.Name, false, $"no such domain on {uri}; check the name with virsh -c {uri} list --all, or remove it from domains"),
        DomainPhase.Destroying => new(w.Name, false, $"still running at timeout {Seconds(policy.Timeout)} after destroy at force-after {Seconds(policy.ForceAfter)}" + Tail(w.Note)),
        _ => new(w.Name, false, $"still running at timeout {Seconds(policy.Timeout)}" + Tail(w.Note) +
                                (policy.ForceAfter is null ? "; set force-after to destroy what ignores shutdown, or raise timeout" : "")),
    };

    /// <summary>One line: "2 of 3 domains off; vm-3 destroyed after force-after 30s".</summary>
    public static string Summary(IReadOnlyList<DomainWatch> watches, IReadOnlyList<TargetOutcome> outcomes)
    {
        var off = watches.Count(w => w.Off);
        var notable = outcomes.Where(o => !o.Succeeded || o.Detail.StartsWith("destroyed", StringComparison.Ordinal)).Select(o => o.ToString());
        return string.Join("; ", [$"{off} of {watches.Count} domain{(watches.Count == 1 ? "" : "s")} off", .. notable]);
    }

    /// <summary>Whole seconds from 10 s on, tenths below: "0.4s", "4s", "30s".</summary>
    public static string Seconds(TimeSpan? t)
    {
        var s = (t ?? TimeSpan.Zero).TotalSeconds;
        return s < 10 ? $"{Math.Round(s, 1).ToString("0.#", CultureInfo.InvariantCulture)}s" : $"{Math.Round(s).ToString("0", CultureInfo.InvariantCulture)}s";
    }

    private static string Tail(string? note) => note is null ? "" : $" ({note})";
}
