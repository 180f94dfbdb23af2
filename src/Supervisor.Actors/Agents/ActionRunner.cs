using System.Text.Json;
using Supervisor.Actions;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Agents;

/// <summary>
/// Runs one allow-listed action through its executor (<see cref="ShutdownActionFactory"/>): acting, or in dry-run
/// probing instead (the program exists, the host answers, what would be stopped). Every run, real or dry, appends
/// one JSON line to the action log, the operator's audit trail. The log is owner-only (it shows what ran on this host). A log that cannot be written (full disk) never changes what the
/// step did or delays its answer: the line waits in memory for the next write that succeeds.
/// </summary>
public sealed class ActionRunner(string actionLogPath, TimeProvider clock)
{
    private const int MaxUnwrittenLines = 1000;
    private readonly SemaphoreSlim _logGate = new(1, 1);
    private readonly List<string> _unwritten = [];
    private static readonly JsonSerializerOptions LineOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task<ActionOutcome> RunAsync(ExecuteStep step, AgentAction action, bool dryRun, CancellationToken ct)
    {
        var outcome = await RunOrProbeAsync(action, dryRun, ct);
        var problem = await AppendLogAsync(step, action, dryRun, outcome);
        return problem is null ? outcome : outcome with { ActionLogProblem = problem };
    }

    /// <summary>An executor's own fault (a bug, not the host's answer) becomes a failed outcome: the saga is told, never left waiting.</summary>
    private async Task<ActionOutcome> RunOrProbeAsync(AgentAction action, bool dryRun, CancellationToken ct)
    {
        try
        {
            var executor = ShutdownActionFactory.Create(action.Spec);
            var run = new ActionRun(action, clock);
            return dryRun ? await executor.ProbeAsync(run, ct) : await executor.RunAsync(run, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ActionOutcome.Failed($"{action.Spec.Type} action {action.Name} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Null when written; else why not.</summary>
    private async Task<string?> AppendLogAsync(ExecuteStep step, AgentAction action, bool dryRun, ActionOutcome outcome)
    {
        var line = JsonSerializer.Serialize(new
        {
            time = clock.GetUtcNow(),
            sagaId = step.SagaId,
            stepId = step.StepId,
            host = step.Host,
            action = action.Name,
            type = action.Spec.Type,
            command = action.Spec is CommandSpec c ? c.Argv : null,
            does = action.Spec is CommandSpec ? null : action.Spec.Describe(),
            dryRun,
            exitCode = outcome.ExitCode,
            succeeded = outcome.Succeeded,
            targets = outcome.Targets.Count == 0 ? null : outcome.Targets,
        }, LineOptions);
        await _logGate.WaitAsync();
        try
        {
            _unwritten.Add(line);
            var dir = Path.GetDirectoryName(Path.GetFullPath(actionLogPath));
            if (dir is not null) Directory.CreateDirectory(dir);
            await using (var file = new FileStream(actionLogPath, Hosting.DataDirectory.PrivateFileOptions(FileMode.Append, FileAccess.Write)))
            await using (var writer = new StreamWriter(file))
                foreach (var pending in _unwritten) await writer.WriteAsync(pending + "\n");
            _unwritten.Clear();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_unwritten.Count > MaxUnwrittenLines) _unwritten.RemoveAt(0);
            return $"{actionLogPath}: {e.Message} ({_unwritten.Count} line(s) waiting to be written)";
        }
        finally
        {
            _logGate.Release();
        }
    }
}
