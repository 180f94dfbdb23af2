using Supervisor.Domain.Placement;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Every node running on this host, one JSON file each in a shared directory (<c>supervisor.host-registry</c>; by default
/// <c>/run/supervisor</c>, or <c>$TMPDIR/supervisor-nodes</c> where that is not writable; both are read). A node holds its
/// own file open with a shared advisory lock for its whole life, so an entry whose lock can be taken exclusively
/// belongs to a process that has ended (crash, kill -9) and is removed: no pid-reuse guesswork, no stale warnings.
/// Why files rather than a loopback probe: a second supervisor for the same fleet usually sits on another port (a
/// manual run with --port), which a probe would have to guess; the files also say who it is (pid, address, data dir).
/// </summary>
public sealed class HostRegistry : IDisposable
{
    public const string SettingPath = "supervisor.host-registry";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    // rw-r--r--: other users' nodes must read it (pid, address, data dir; no secrets), only its node may change it.
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly FileStream _held;
    private readonly string _path;

    private HostRegistry(string path, FileStream held)
    {
        _path = path;
        _held = held;
    }

    /// <summary>The directories named by <paramref name="setting"/>: "off" none, "auto" the two defaults, else that path.</summary>
    public static IReadOnlyList<string> Directories(string? setting) => setting?.Trim() switch
    {
        "off" or "false" or "no" => [],
        null or "" or "auto" => ["/run/supervisor", Path.Combine(Path.GetTempPath(), "supervisor-nodes")],
        var path => [Path.GetFullPath(path)],
    };

    /// <summary>Live entries of every directory, stale ones removed on the way.</summary>
    public static IReadOnlyList<NodeOnHost> Live(IReadOnlyList<string> directories)
    {
        var live = new List<NodeOnHost>();
        foreach (var dir in directories.Where(Directory.Exists))
        {
            string[] files;
            try { files = Directory.GetFiles(dir, "*.json"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var file in files)
                if (ReadLive(file) is { } entry) live.Add(entry);
        }
        return live;
    }

    private static NodeOnHost? ReadLive(string file)
    {
        try
        {
            // An exclusive lock succeeds only if no live node holds its file: the writer is gone.
            using (new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None))
                TryDelete(file);
            return null;
        }
        catch (IOException) { /* held: a live node; read it below */ }
        catch (UnauthorizedAccessException) { return null; }
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            return JsonSerializer.Deserialize<NodeOnHost>(stream, Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Adds this node to the first directory that takes it; null (and why) when none does.</summary>
    public static HostRegistry? Register(IReadOnlyList<string> directories, NodeOnHost self, out string? problem)
    {
        problem = null;
        foreach (var dir in directories)
        {
            try
            {
                if (!Directory.Exists(dir))
                {
                    // World-writable and sticky, like /tmp: nodes of every user can register, none can remove another's entry.
                    Directory.CreateDirectory(dir);
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("1777", 8));
                }
                var name = $"{self.Pid}-{Guid.NewGuid():N}";
                var temp = Path.Combine(dir, name + ".tmp");
                File.WriteAllText(temp, JsonSerializer.Serialize(self, Json));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, ReadableByAll); // before anyone else can know its name
                // Lock before the file gets its real name, so no scanner ever sees it unlocked and removes it.
                var held = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read);
                var path = Path.Combine(dir, name + ".json");
                File.Move(temp, path);
                return new HostRegistry(path, held);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"{dir}: {e.Message}";
            }
        }
        return null;
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* another user's stale entry: harmless */ }
    }

    public void Dispose()
    {
        _held.Dispose();
        TryDelete(_path);
    }
}
