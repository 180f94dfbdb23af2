namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// A real terminal for a full-screen program: a detached tmux session on its own server socket (so parallel tests and
/// anyone else's tmux never meet), keys sent with <c>send-keys</c>, the screen read with <c>capture-pane</c>.
/// tmux comes from scripts/test-deps/tmux.sh.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _socket = "supervisor-test-" + Guid.NewGuid().ToString("N")[..12];
    private const string Name = "t";

    private TmuxSession() { }

    /// <summary>Starts <paramref name="command"/> (a shell line) in a <paramref name="width"/>×<paramref name="height"/> window, with <paramref name="environment"/> set.</summary>
    public static TmuxSession Start(string command, int width, int height, IReadOnlyDictionary<string, string> environment)
    {
        var session = new TmuxSession();
        var args = new List<string> { "new-session", "-d", "-s", Name, "-x", width.ToString(), "-y", height.ToString() };
        foreach (var (k, v) in environment) { args.Add("-e"); args.Add($"{k}={v}"); }
        args.Add(command);
        session.Run(args.ToArray());
        return session;
    }

    public void SendKeys(params string[] keys) => Run(["send-keys", "-t", Name, .. keys]);

    public void Resize(int width, int height) => Run(["resize-window", "-t", Name, "-x", width.ToString(), "-y", height.ToString()]);

    /// <summary>The screen as text, one string per row.</summary>
    public string Capture() => Run(["capture-pane", "-p", "-t", Name]);

    /// <summary>Reads the screen until <paramref name="shows"/> holds; the failure shows the last screen.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> shows, string what, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        var screen = "";
        while (DateTime.UtcNow < until)
        {
            screen = Capture();
            if (shows(screen)) return screen;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"not within {within.TotalSeconds}s: {what}; the screen was:\n{screen}");
    }

    private string Run(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("tmux did not start; run scripts/test-deps/tmux.sh");
        var output = p.StandardOutput.ReadToEnd();
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed: {errors}");
        return output;
    }

    public void Dispose()
    {
        try { Run("kill-server"); } catch (InvalidOperationException) { /* already gone */ }
    }
}
