using Renci.SshNet;
using Renci.SshNet.Common;
using Supervisor.Actions.Command;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions.Ssh;

/// <summary>
/// <c>type = ssh</c>: connect within the timeout, accept only the pinned host key, log in with the key, run the one
/// allow-listed command line; succeeded on exit status 0. The probe stops after the login: it proves the host answers,
/// is who we pinned, and takes the key, and runs nothing. One <see cref="TargetOutcome"/> for the host.
/// </summary>
public sealed class SshAction(SshSpec spec) : IShutdownAction
{
    public Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct) => SessionAsync(run, runCommand: true, ct);

    public Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct) => SessionAsync(run, runCommand: false, ct);

    private async Task<ActionOutcome> SessionAsync(ActionRun run, bool runCommand, CancellationToken ct)
    {
        var dryRun = runCommand ? "" : "dry-run: ";
        using var login = SshLogin.Prepare(spec, out var problem);
        if (login is null) return Failed(dryRun + problem);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(run.Timeout);
        using var client = new SshClient(login.Connection(run.Timeout));
        string? refusal = null;
        client.HostKeyReceived += (_, e) =>
        {
            refusal = login.Refusal(e.HostKeyName, "SHA256:" + e.FingerPrintSHA256);
            e.CanTrust = refusal is null;
        };
        var doing = $"connecting to {spec.Endpoint}";
        try
        {
            await client.ConnectAsync(limit.Token).ConfigureAwait(false);
            if (!runCommand)
                return Outcome(true, 0, $"dry-run: {spec.Endpoint} has the pinned host key and accepts {spec.User}'s key; would run: {spec.Command}", "would run the command");

            doing = $"running \"{spec.Command}\" on {spec.Endpoint}";
            using var command = client.CreateCommand(spec.Command);
            await command.ExecuteAsync(limit.Token).ConfigureAwait(false);
            var tail = ProcessRun.TailOf(command.Result + command.Error);
            var exit = command.ExitStatus;
            var detail = exit is { } code ? $"exited {code}" : $"ended without an exit status (signal {command.ExitSignal ?? "unknown"})";
            return Outcome(exit == 0, exit, tail.Length == 0 ? $"{spec.Command}: {detail}, no output" : tail, detail);
        }
        catch (Exception ex) when (SshFailures.Explain(ex, refusal, spec, doing, run.Timeout, ct.IsCancellationRequested) is { } why)
        {
            return Failed(dryRun + why);
        }
    }

    private ActionOutcome Outcome(bool ok, int? exit, string output, string detail) =>
        new(ok, exit, output) { Targets = [new TargetOutcome(spec.Endpoint, ok, detail)] };

    private ActionOutcome Failed(string why) =>
        ActionOutcome.Failed(why) with { Targets = [new TargetOutcome(spec.Endpoint, false, why)] };
}
