using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Agents;

/// <summary>What running (or dry-running) an action produced.</summary>
public sealed record ActionOutcome(bool Succeeded, int? ExitCode, string Output)
{
    /// <summary>Why the action log line could not be written; the outcome stands (the line is kept and written with the next one that can be).</summary>
    public string? ActionLogProblem { get; init; }
}

/// <summary>
/// Runs one allow-listed action: argv straight to the OS (no shell), bounded by the action timeout, output
/// tail kept. Every run — real or dry — appends one JSON line to the action log, the operator's audit trail. The log
/// is owner-only (it shows what ran on this host). A log that cannot be written (full disk) never changes what the
/// step did or delays its answer: the line waits in memory for the next write that succeeds.
/// </summary>
public sealed class ActionRunner(string actionLogPath, TimeProvider clock)
{
    private const int OutputTailChars = 2000;
    private const int MaxUnwrittenLines = 1000;
    private readonly SemaphoreSlim _logGate = new(1, 1);
    private readonly List<string> _unwritten = [];
    private static readonly JsonSerializerOptions LineOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public async Task<ActionOutcome> RunAsync(ExecuteStep step, AgentAction action, bool dryRun, CancellationToken ct)
    {
        var outcome = dryRun
            ? new ActionOutcome(true, 0, $"dry-run: would run {Describe(action.Command)}")
            : await ExecuteAsync(action, ct);
        var problem = await AppendLogAsync(step, action, dryRun, outcome);
        return problem is null ? outcome : outcome with { ActionLogProblem = problem };
    }

    public static string Describe(IReadOnlyList<string> argv) =>
        string.Join(' ', argv.Select(a => a.Contains(' ') || a.Length == 0 ? $"\"{a}\"" : a));

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
            command = action.Command,
            dryRun,
            exitCode = outcome.ExitCode,
            succeeded = outcome.Succeeded,
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

    private static async Task<ActionOutcome> ExecuteAsync(AgentAction action, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(action.Command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in action.Command.Skip(1)) psi.ArgumentList.Add(arg);

        using var process = new Process { StartInfo = psi };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            return new ActionOutcome(false, null, $"could not start {action.Command[0]}: {ex.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(action.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
            var why = ct.IsCancellationRequested ? "the agent was stopping" : $"timed out after {action.Timeout.TotalSeconds:0.#}s";
            return new ActionOutcome(false, null, $"{why} and was killed; output: {Tail(output)}");
        }
        process.WaitForExit(); // drain the output events
        var exit = process.ExitCode;
        return new ActionOutcome(exit == 0, exit, Tail(output));
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null) return;
        lock (sb)
        {
            sb.AppendLine(line);
            if (sb.Length > OutputTailChars * 2) sb.Remove(0, sb.Length - OutputTailChars);
        }
    }

    private static string Tail(StringBuilder sb)
    {
        lock (sb)
        {
            var s = sb.ToString().TrimEnd();
            return s.Length <= OutputTailChars ? s : s[^OutputTailChars..];
        }
    }
}
