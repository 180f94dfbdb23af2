using System.Diagnostics;
using System.Text;

namespace Supervisor.Actions.Command;

/// <summary>How a program ran: exit code (null when it could not start or was killed), output tail, and why it was killed.</summary>
public sealed record ProcessResult(int? ExitCode, string Output, string? Problem)
{
    public bool ExitedZero => ExitCode == 0;
}

/// <summary>
/// Runs a program with argv (no shell), bounded by a timeout, keeping the last ~2 000 characters of stdout and stderr
/// together. Shared by every action that drives a local program (command, libvirt's virsh, unmount's umount).
/// </summary>
public static class ProcessRun
{
    private const int OutputTailChars = 2000;

    public static async Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken ct, string? stdin = null)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1)) psi.ArgumentList.Add(arg);

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
            return new ProcessResult(null, "", $"could not start {argv[0]}: {ex.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
            var why = ct.IsCancellationRequested ? "the agent was stopping" : $"timed out after {timeout.TotalSeconds:0.#}s";
            return new ProcessResult(null, Tail(output), $"{why} and was killed");
        }
        process.WaitForExit(); // drain the output events
        return new ProcessResult(process.ExitCode, Tail(output), null);
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
        lock (sb) return TailOf(sb.ToString());
    }

    /// <summary>The last ~2 000 characters of an output, as every action reports it (ssh's remote output too).</summary>
    public static string TailOf(string output)
    {
        var s = output.TrimEnd();
        return s.Length <= OutputTailChars ? s : s[^OutputTailChars..];
    }
}
