using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class AgentConfigReader
{
    /// <summary><c>type = unmount</c>: mount-points (required), lazy.</summary>
    private static ActionSpec? ReadUnmount(HoconSection s, string? baseDirectory) =>
        new UnmountSpec(s.StringList("mount-points", "[\"/mnt/data\"]") ?? [], s.Bool("lazy"));
}
