using System.Diagnostics;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real, tiny tmpfs mounted on a fresh directory: a data disk that can be filled to the last block or remounted
/// read-only, to meet the kernel's own ENOSPC and EROFS. Needs root (CI runs as root; see <see cref="RootFactAttribute"/>).
/// </summary>
public sealed class Tmpfs : IDisposable
{
    public string Dir { get; }
    private string FillFile => Path.Combine(Dir, ".fill");

    /// <param name="prefix">The start of the directory's name (a test may want a space in it).</param>
    public Tmpfs(string size = "2m", string prefix = "supervisor-tmpfs-")
    {
        Dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Dir);
        Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", Dir);
    }

    /// <summary>Writes zeros until the file system has no block left (ENOSPC), like a log that filled the disk.</summary>
    public void Fill()
    {
        using var f = new FileStream(FillFile, FileMode.Append, FileAccess.Write);
        var block = new byte[4096];
        try { while (true) f.Write(block); }
        catch (IOException) { /* full */ }
        try { f.Flush(); } catch (IOException) { /* still full */ }
    }

    /// <summary>Frees what <see cref="Fill"/> took.</summary>
    public void Free() => File.Delete(FillFile);

    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Dir);

    public void RemountReadWrite() => Run("mount", "-o", "remount,rw", Dir);

    public void Dispose()
    {
        try { Run("umount", "-l", Dir); Directory.Delete(Dir); }
        catch (Exception) { /* best effort: a lazily unmounted tmpfs frees itself */ }
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {err}");
    }
}

/// <summary>A fact that needs root (mounting a tmpfs); skipped, saying so, for any other user. CI runs as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "needs root to mount a tmpfs (CI runs the tests as root)";
    }
}

/// <summary>The <see cref="RootFactAttribute"/> of theories.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (Environment.UserName != "root") Skip = "needs root to mount a tmpfs (CI runs the tests as root)";
    }
}
