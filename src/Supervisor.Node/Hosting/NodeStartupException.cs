
namespace Supervisor.Node.Hosting;

/// <summary>
/// The node cannot start in this environment (data dir unusable or in use, cluster port taken, journal damaged beyond
/// moving aside). Carries every problem with the HOCON path that decides it and the fix, printed like config errors.
/// </summary>
public sealed class NodeStartupException(IReadOnlyList<ConfigError> errors) : Exception(string.Join("; ", errors))
{
    public NodeStartupException(string path, string message) : this([new ConfigError(path, message)]) { }

    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
