using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions.Command;

/// <summary><c>type = command</c>: run argv, succeeded on exit 0. The probe checks that the program exists and may run.</summary>
public sealed class CommandAction(CommandSpec spec) : IShutdownAction
{
    public async Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct)
    {
        var r = await ProcessRun.RunAsync(spec.Argv, run.Timeout, ct);
        return r.Problem is { } problem
            ? new ActionOutcome(false, null, r.Output.Length == 0 ? problem : $"{problem}; output: {r.Output}")
            : new ActionOutcome(r.ExitedZero, r.ExitCode, r.Output);
    }

    public Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct)
    {
        var found = ProgramLocator.Find(spec.Argv[0], out var problem);
        return Task.FromResult(found is null
            ? ActionOutcome.Failed($"dry-run: would run {spec.Describe()}, but {problem}")
            : new ActionOutcome(true, 0, $"dry-run: would run {spec.Describe()}"));
    }
}
