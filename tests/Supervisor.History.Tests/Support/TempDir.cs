using System.Diagnostics;

namespace Supervisor.History.Tests.Support;

/// <summary>A directory for one test, removed afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("supervisor-history-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}

/// <summary>A small tmpfs mounted for one test (root only): a disk that can fill up or turn read-only for real.</summary>
public sealed class Tmpfs : IDisposable
{
    public Tmpfs(string sizeKb)
    {
        Path = Directory.CreateTempSubdirectory("supervisor-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k", "tmpfs", Path);
    }

    public string Path { get; }

    public void ReadOnly() => Run("mount", "-o", "remount,ro", Path);
    public void ReadWrite() => Run("mount", "-o", "remount,rw", Path);

    public void Dispose()
    {
        try { Run("umount", "-l", Path); Directory.Delete(Path, recursive: true); }
        catch (Exception) { /* best effort */ }
    }

    public static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {err}");
    }
}

/// <summary>A fact that needs root (mounting a tmpfs); skipped, with that reason, for anyone else.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "needs root to mount a tmpfs (run the tests as root, as CI does)";
    }
}
