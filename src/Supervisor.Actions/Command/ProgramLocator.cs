namespace Supervisor.Actions.Command;

/// <summary>
/// Finds the program an argv would start, as the OS would (a path as given, else each PATH entry), and says why not.
/// Dry-run's first proof: a command whose program is missing would fail on the night it matters.
/// </summary>
public static class ProgramLocator
{
    /// <returns>The full path, or null with <paramref name="problem"/> naming the program and the fix.</returns>
    public static string? Find(string program, out string? problem, string? path = null)
    {
        problem = null;
        if (program.Contains('/'))
        {
            if (IsExecutableFile(program)) return Path.GetFullPath(program);
            problem = File.Exists(program)
                ? $"{program} is not executable; chmod +x it or name another program"
                : $"{program} does not exist on this host; install it or correct the path";
            return null;
        }
        foreach (var dir in (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (IsExecutableFile(candidate)) return candidate;
        }
        problem = $"program \"{program}\" is not on this host's PATH; install it or give its full path";
        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
