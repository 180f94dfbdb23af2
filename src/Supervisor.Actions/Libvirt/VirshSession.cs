using System.Diagnostics;
using System.Text;
using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Actions.Libvirt;

/// <summary>One libvirt connection that answers virsh commands; a test may wrap it (e.g. a guest that ignores shutdown).</summary>
public interface IVirsh : IAsyncDisposable
{
    /// <summary>Runs one virsh command line; a failure of virsh itself (it died, it did not answer) is a failed reply, not an exception.</summary>
    Task<VirshReply> RunAsync(string command, TimeSpan timeout, CancellationToken ct);
}

/// <summary>
/// One long-lived <c>virsh -q -c URI</c> process fed commands on stdin: a single connection for the whole shutdown,
/// which real hosts do not need but costs nothing there, and which libvirt's test driver needs (its state lives only
/// as long as the connection). Replies are cut at end markers (<see cref="VirshReplies"/>).
/// </summary>
public sealed class VirshSession : IVirsh
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _stdoutAt, _stderrAt, _commands;
    private TaskCompletionSource _changed = NewSignal();
    private readonly Task _readers;

    private VirshSession(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(Pump(process.StandardOutput, _stdout), Pump(process.StandardError, _stderr));
    }

    /// <returns>The session, or null with <paramref name="problem"/> when virsh cannot be started.</returns>
    public static VirshSession? Start(string virsh, string uri, out string? problem)
    {
        var psi = new ProcessStartInfo(virsh)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "-q", "-c", uri }) psi.ArgumentList.Add(a);
        // Messages in English whatever the host's locale: the replies are matched on virsh's own words.
        psi.Environment["LC_ALL"] = "C";
        var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            problem = $"could not start {virsh}: {ex.Message}";
            process.Dispose();
            return null;
        }
        problem = null;
        return new VirshSession(process);
    }

    public async Task<VirshReply> RunAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            var n = ++_commands;
            try
            {
                await _process.StandardInput.WriteAsync(command + "\n" + VirshReplies.EndCommands(n));
                await _process.StandardInput.FlushAsync(ct);
            }
            catch (IOException)
            {
                return VirshReply.Failed(Exited());
            }
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            while (true)
            {
                Task changed;
                lock (_stdout)
                {
                    var outEnd = VirshReplies.StdoutEnd(_stdout.ToString(), _stdoutAt, n);
                    var errEnd = VirshReplies.StderrEnd(_stderr.ToString(), _stderrAt, n);
                    if (outEnd >= 0 && errEnd >= 0) return Take(command, n, outEnd, errEnd);
                    if (_process.HasExited && _readers.IsCompleted) return VirshReply.Failed(Exited());
                    changed = _changed.Task;
                }
                try
                {
                    // The readers' last signal can come before their task completes: wake on either, or a virsh
                    // that exited at once (a URI that does not connect) would be waited on until the timeout.
                    await Task.WhenAny(changed, _readers).WaitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    ct.ThrowIfCancellationRequested();
                    Kill(); // a half-answered command would garble every later reply
                    return VirshReply.Failed($"virsh did not answer \"{command}\" within {DomainShutdownRules.Seconds(timeout)} (is the host reachable?)");
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private VirshReply Take(string command, int n, int outEnd, int errEnd)
    {
        var stdout = _stdout.ToString(_stdoutAt, outEnd - _stdoutAt);
        var stderr = _stderr.ToString(_stderrAt, errEnd - _stderrAt);
        _stdoutAt = outEnd + VirshReplies.Marker(n).Length;
        _stderrAt = errEnd + ("error: " + VirshReplies.Marker(n)).Length;
        return VirshReplies.Reply(command, stdout, stderr);
    }

    /// <summary>What virsh said before it exited (a connection it could not open ends it at once).</summary>
    private string Exited()
    {
        lock (_stdout)
        {
            var said = VirshReplies.OneLine(_stderr.ToString(_stderrAt, _stderr.Length - _stderrAt));
            var code = _process.HasExited ? $" (exit code {_process.ExitCode})" : "";
            return said.Length > 0 ? said : $"virsh exited{code} without a word";
        }
    }

    private async Task Pump(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
            lock (_stdout)
            {
                into.Append(buffer, 0, read);
                Signal();
            }
        lock (_stdout) Signal();
    }

    private void Signal()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Kill()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteAsync("quit\n");
            _process.StandardInput.Close();
        }
        catch (IOException) { /* already gone */ }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await _process.WaitForExitAsync(grace.Token); }
        catch (OperationCanceledException) { Kill(); }
        _process.Dispose();
        _turn.Dispose();
    }
}
