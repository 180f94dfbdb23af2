using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;
using Supervisor.Actions.Http;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Proxmox;

/// <summary>
/// <c>type = proxmox</c>: list the node's VMs and CTs, ask each target to shut down, follow each returned task until it
/// has stopped with exit status OK, then confirm the guest's current status is <c>stopped</c>. The probe authenticates
/// (<c>GET /version</c>) and lists what it would shut down.
/// </summary>
public sealed class ProxmoxAction(ProxmoxSpec spec) : IShutdownAction
{
    /// <summary>How often a task's status is read while it runs; tests shorten it.</summary>
    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct)
    {
        using var deadline = new ActionDeadline(run, ct);
        using var api = new ProxmoxApi(spec);
        return await PerTarget.RunAsync(deadline,
            async token => ProxmoxPlan.Targets(spec.Vms, await api.GuestsAsync(token)),
            $"listing the guests of node {spec.Node}", $"no running VMs or CTs on node {spec.Node}; nothing to shut down",
            t => ShutDownAsync(api, t, run.Clock, deadline), "guests", "stopped");
    }

    private async Task<TargetOutcome> ShutDownAsync(ProxmoxApi api, ProxmoxTarget target, TimeProvider clock, ActionDeadline deadline)
    {
        if (target.Guest is not { } guest) return new TargetOutcome(target.Label, false, $"no VM or CT {target.Vmid} on node {spec.Node}; check vms");
        if (!target.Running && guest.Status == "stopped") return new TargetOutcome(target.Label, true, "was already stopped");
        var started = clock.GetTimestamp();
        try
        {
            var upid = await api.ShutdownAsync(guest, deadline.Token);
            ProxmoxTask task;
            while (!(task = await api.TaskAsync(upid, deadline.Token)).Stopped)
                await Task.Delay(PollInterval, clock, deadline.Token);
            if (!task.Ok) return new TargetOutcome(target.Label, false, $"the shutdown task ended with \"{task.ExitStatus ?? "no exit status"}\"");
            // The task's OK is Proxmox's word; the guest's own status is the proof.
            var status = await api.StatusAsync(guest, deadline.Token);
            var took = clock.GetElapsedTime(started).TotalSeconds;
            return status == "stopped"
                ? new TargetOutcome(target.Label, true, $"stopped after {took:0.#}s")
                : new TargetOutcome(target.Label, false, $"the shutdown task ended OK but the guest is {status}");
        }
        catch (RemoteApiProblem p) { return new TargetOutcome(target.Label, false, p.Message); }
        catch (OperationCanceledException) { return new TargetOutcome(target.Label, false, $"not confirmed stopped: {deadline.Why}"); }
    }

    public async Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct)
    {
        using var deadline = new ActionDeadline(run, ct);
        using var api = new ProxmoxApi(spec);
        try
        {
            var version = await api.VersionAsync(deadline.Token);
            var targets = ProxmoxPlan.Targets(spec.Vms, await api.GuestsAsync(deadline.Token));
            var lines = new List<TargetOutcome>();
            foreach (var t in targets)
                lines.Add(t.Guest is null ? new TargetOutcome(t.Label, false, $"no VM or CT {t.Vmid} on node {spec.Node}; check vms")
                    : t.Running ? await MayShutDownAsync(api, t, deadline.Token)
                    : new TargetOutcome(t.Label, true, $"{t.Guest.Status}; nothing to do"));
            var stopping = targets.Where(t => t.Running).Select(t => t.Label).ToList();
            var plan = stopping.Count == 0 ? "nothing running to shut down" : $"would shut down {stopping.Count} guest(s): {string.Join(", ", stopping)}";
            return PerTarget.Probed($"dry-run: Proxmox VE {version} at {spec.Url.GetLeftPart(UriPartial.Authority)} accepts token {spec.TokenId}; node {spec.Node}: {plan}", lines);
        }
        catch (RemoteApiProblem p) { return ActionOutcome.Failed($"dry-run: {p.Message}"); }
        catch (OperationCanceledException) { return ActionOutcome.Failed($"dry-run: the Proxmox API at {spec.Url.GetLeftPart(UriPartial.Authority)} did not answer: {deadline.Why}"); }
    }

    /// <summary>A running target in the probe: the shutdown needs VM.PowerMgmt, so the probe reads the token's own privileges on it.</summary>
    private async Task<TargetOutcome> MayShutDownAsync(ProxmoxApi api, ProxmoxTarget t, CancellationToken ct)
    {
        var may = await api.MayAsync(t.Vmid, "VM.PowerMgmt", ct);
        return may.Problem is { } problem ? new TargetOutcome(t.Label, true, $"running; would shut down (privileges not checked: {problem})")
            : may.Value ? new TargetOutcome(t.Label, true, "running; would shut down")
            : new TargetOutcome(t.Label, false, $"token {spec.TokenId} lacks VM.PowerMgmt on /vms/{t.Vmid}: " +
                $"grant it, e.g. pveum acl modify /vms --tokens '{spec.TokenId}' --roles PVEVMUser");
    }
}
