namespace Supervisor.Domain.Configuration;

/// <summary>A problem in the config, tied to the HOCON path that holds it, with the fix in the message.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
