using Supervisor.Actions.Command;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Agents.Actions;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions.Libvirt;

/// <summary>
/// <c>type = libvirt</c>: over one virsh connection, <c>shutdown</c> each domain, poll <c>domstate</c> every poll-every,
/// <c>destroy</c> what still runs at force-after, and report each domain (<see cref="DomainShutdownRules"/> decides).
/// The probe connects, lists what it would shut down and names listed domains that do not exist.
/// </summary>
public sealed class LibvirtAction(LibvirtSpec spec, Func<string, IVirsh?>? connect = null) : IShutdownAction
{
    private const string Virsh = "virsh";

    public async Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct)
    {
        var started = run.Clock.GetTimestamp();
        TimeSpan Elapsed() => run.Clock.GetElapsedTime(started);
        TimeSpan Left() => run.Timeout - Elapsed() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        var policy = new DomainShutdownPolicy(run.Timeout, spec.ForceAfter, spec.PollEvery, DomainShutdownPolicy.LastLookFor(run.Timeout));

        if (Open(out var problem) is not { } virsh) return ActionOutcome.Failed(problem!);
        await using var _ = virsh;
        try
        {
            var (watches, failure) = await BeginAsync(virsh, Left, ct);
            if (failure is not null) return ActionOutcome.Failed(failure);
            if (watches.Count == 0) return new ActionOutcome(true, 0, $"no running domains on {spec.Uri}; nothing to shut down");

            while (true)
            {
                var step = DomainShutdownRules.Next(watches, Elapsed(), policy);
                if (step.Finished) break;
                for (var i = 0; i < watches.Count; i++)
                    if (step.Destroy.Contains(watches[i].Name))
                        watches[i] = DomainShutdownRules.DestroySent(watches[i], await virsh.RunAsync($"destroy {VirshReplies.Quote(watches[i].Name)}", Left(), ct));
                await PollAsync(virsh, watches, step.Poll, Elapsed, Left, ct);
                if (watches.All(w => w.Settled)) break;
                var wait = DomainShutdownRules.Next(watches, Elapsed(), policy).Wait;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, run.Clock, ct);
            }
            var outcomes = watches.Select(w => DomainShutdownRules.Outcome(w, policy, spec.Uri)).ToList();
            return new ActionOutcome(watches.All(w => w.Off), null, DomainShutdownRules.Summary(watches, outcomes)) { Targets = outcomes };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ActionOutcome.Failed("the agent was stopping; domains may still be shutting down");
        }
    }

    public async Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct)
    {
        if (Open(out var problem) is not { } virsh) return ActionOutcome.Failed($"dry-run: {problem}");
        await using var _ = virsh;
        var running = await virsh.RunAsync("list --name --state-running", run.Timeout, ct);
        if (!running.Ok) return ActionOutcome.Failed($"dry-run: {CannotConnect(running.Error)}");
        if (spec.Domains.Count == 0)
        {
            var names = VirshReplies.Names(running);
            return new ActionOutcome(true, 0, names.Count == 0
                ? $"dry-run: connected to {spec.Uri}; no running domains now, so nothing would be shut down"
                : $"dry-run: would shut down {string.Join(", ", names)} on {spec.Uri}{ForceText()}")
            { Targets = [.. names.Select(n => new TargetOutcome(n, true, "running; would be shut down"))] };
        }
        var all = await virsh.RunAsync("list --all --name", run.Timeout, ct);
        if (!all.Ok) return ActionOutcome.Failed($"dry-run: {CannotConnect(all.Error)}");
        var existing = VirshReplies.Names(all).ToHashSet();
        var up = VirshReplies.Names(running).ToHashSet();
        var targets = spec.Domains.Select(d => !existing.Contains(d)
                ? DomainShutdownRules.Outcome(DomainShutdownRules.Begin(d, false, null), new(run.Timeout, spec.ForceAfter, spec.PollEvery), spec.Uri)
                : new TargetOutcome(d, true, up.Contains(d) ? "running; would be shut down" : "not running now; would be shut down if it is"))
            .ToList();
        var missing = targets.Where(t => !t.Succeeded).Select(t => t.Target).ToList();
        return new ActionOutcome(missing.Count == 0, missing.Count == 0 ? 0 : null, missing.Count == 0
            ? $"dry-run: would shut down {string.Join(", ", spec.Domains)} on {spec.Uri}{ForceText()}"
            : $"dry-run: {string.Join(", ", missing)} not found on {spec.Uri}; check the names with virsh -c {spec.Uri} list --all")
        { Targets = targets };
    }

    /// <summary>The domains to handle: the listed ones (missing or already off are settled at once), else every running one; shutdown sent.</summary>
    private async Task<(List<DomainWatch> Watches, string? Failure)> BeginAsync(IVirsh virsh, Func<TimeSpan> left, CancellationToken ct)
    {
        var watches = new List<DomainWatch>();
        if (spec.Domains.Count == 0)
        {
            var running = await virsh.RunAsync("list --name --state-running", left(), ct);
            if (!running.Ok) return ([], CannotConnect(running.Error));
            watches.AddRange(VirshReplies.Names(running).Select(n => new DomainWatch(n, DomainPhase.ShuttingDown)));
        }
        else
        {
            var all = await virsh.RunAsync("list --all --name", left(), ct);
            if (!all.Ok) return ([], CannotConnect(all.Error));
            var existing = VirshReplies.Names(all).ToHashSet();
            foreach (var name in spec.Domains)
            {
                var state = existing.Contains(name) ? DomainState.Read(await virsh.RunAsync($"domstate {VirshReplies.Quote(name)}", left(), ct), listed: true).State : null;
                watches.Add(DomainShutdownRules.Begin(name, existing.Contains(name), state));
            }
        }
        for (var i = 0; i < watches.Count; i++)
            if (watches[i].Phase == DomainPhase.ShuttingDown)
                watches[i] = DomainShutdownRules.ShutdownSent(watches[i], await virsh.RunAsync($"shutdown {VirshReplies.Quote(watches[i].Name)}", left(), ct));
        return (watches, null);
    }

    /// <summary>One round: <c>list --all</c> once (a domain it no longer lists is gone), then <c>domstate</c> of each open domain.</summary>
    private static async Task PollAsync(IVirsh virsh, List<DomainWatch> watches, IReadOnlyList<string> open, Func<TimeSpan> elapsed, Func<TimeSpan> left, CancellationToken ct)
    {
        var all = await virsh.RunAsync("list --all --name", left(), ct);
        var listed = all.Ok ? VirshReplies.Names(all).ToHashSet() : null;
        for (var i = 0; i < watches.Count; i++)
        {
            if (!open.Contains(watches[i].Name)) continue;
            var reply = await virsh.RunAsync($"domstate {VirshReplies.Quote(watches[i].Name)}", left(), ct);
            // Without a readable list, a lookup failure cannot be told from a dropped connection: never counted as off.
            var state = DomainState.Read(reply, listed: listed?.Contains(watches[i].Name) ?? true);
            watches[i] = DomainShutdownRules.Observe(watches[i], state, elapsed());
        }
    }

    private IVirsh? Open(out string? problem)
    {
        if (connect is not null)
        {
            problem = $"could not connect to {spec.Uri}";
            return connect(spec.Uri);
        }
        if (ProgramLocator.Find(Virsh, out problem) is not { } path)
        {
            problem = $"{problem} (Debian/Ubuntu: apt install libvirt-clients)";
            return null;
        }
        return VirshSession.Start(path, spec.Uri, out problem);
    }

    private string CannotConnect(string error) =>
        $"virsh could not use {spec.Uri}: {error}; check uri (virsh -c {spec.Uri} list) and that libvirtd runs and this user may connect";

    private string ForceText() => spec.ForceAfter is { } f ? $", destroying what still runs after {DomainShutdownRules.Seconds(f)}" : "";
}
