using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;
using Supervisor.Actions.Http;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Docker;

/// <summary>
/// <c>type = docker</c>: list the running containers, stop the targets at once (each with the configured grace), then
/// confirm with the engine that each is no longer running. The probe pings the engine and lists what it would stop.
/// </summary>
public sealed class DockerAction(DockerSpec spec) : IShutdownAction
{
    public async Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct)
    {
        using var deadline = new ActionDeadline(run, ct);
        using var engine = new DockerEngine(spec);
        return await PerTarget.RunAsync(deadline,
            async token => DockerPlan.Targets(spec.Containers, await engine.ListRunningAsync(token)),
            $"listing the containers at {spec.Endpoint}", $"no running containers at {spec.Endpoint}; nothing to stop",
            t => StopAndConfirmAsync(engine, t, deadline), "containers", "stopped");
    }

    private async Task<TargetOutcome> StopAndConfirmAsync(DockerEngine engine, DockerTarget target, ActionDeadline deadline)
    {
        try
        {
            var answer = await engine.StopAsync(target.Ref, spec.StopSeconds, deadline.Token);
            if (answer == StopAnswer.NoSuchContainer)
                return new TargetOutcome(target.Name, false, "no such container; check the name against docker ps -a");
            // The stop reply alone is not the proof: the engine's own state of the container is.
            return await engine.RunningAsync(target.Ref, deadline.Token) switch
            {
                null => new TargetOutcome(target.Name, true, "stopped and removed"),
                true => new TargetOutcome(target.Name, false, $"still running after stop (grace {spec.StopSeconds}s)"),
                false => new TargetOutcome(target.Name, true, answer == StopAnswer.AlreadyStopped ? "was already stopped" : "stopped"),
            };
        }
        catch (RemoteApiProblem p) { return new TargetOutcome(target.Name, false, p.Message); }
        catch (OperationCanceledException) { return new TargetOutcome(target.Name, false, $"not confirmed stopped: {deadline.Why}"); }
    }

    public async Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct)
    {
        using var deadline = new ActionDeadline(run, ct);
        using var engine = new DockerEngine(spec);
        try
        {
            await engine.PingAsync(deadline.Token);
            var targets = DockerPlan.Targets(spec.Containers, await engine.ListRunningAsync(deadline.Token));
            var lines = new List<TargetOutcome>();
            foreach (var t in targets)
                lines.Add(t.Running ? new TargetOutcome(t.Name, true, "running; would stop")
                    : await engine.RunningAsync(t.Ref, deadline.Token) is null ? new TargetOutcome(t.Name, false, "no such container; check the name against docker ps -a")
                    : new TargetOutcome(t.Name, true, "not running; nothing to do"));
            var stopping = lines.Where(l => l.Detail.StartsWith("running", StringComparison.Ordinal)).Select(l => l.Target).ToList();
            var plan = stopping.Count == 0 ? "nothing running to stop" : $"would stop {stopping.Count} container(s): {string.Join(", ", stopping)}";
            return PerTarget.Probed($"dry-run: engine at {spec.Endpoint} answers; {plan} (grace {spec.StopSeconds}s)", lines);
        }
        catch (RemoteApiProblem p) { return ActionOutcome.Failed($"dry-run: {p.Message}"); }
        catch (OperationCanceledException) { return ActionOutcome.Failed($"dry-run: the engine at {spec.Endpoint} did not answer: {deadline.Why}"); }
    }
}
