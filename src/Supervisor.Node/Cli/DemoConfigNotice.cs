using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli;

/// <summary>
/// Issue 14 (no silent fallback): without <c>--config</c>, <c>run</c> and <c>report</c> supervise the demo fleet. A person
/// who forgot the flag must not read "HEALTHY" and believe their own UPSes are watched, so the first line says which
/// config this is and where a real one goes.
/// </summary>
internal static class DemoConfigNotice
{
    /// <summary>Where the packaged systemd unit reads the config from (deploy/systemd/supervisor.service).</summary>
    public const string PackagedConfig = "/etc/supervisor/supervisor.conf";

    /// <summary>The notice for these options; null when the user named a config.</summary>
    public static string? For(NodeOptions options) => options.ConfigFile is not null ? null
        : options.ResolveConfigFile() == BuiltInConfig.DemoName
            ? "supervisor: no --config given: using the built-in demo config (simulated devices; nothing real is watched). " +
              $"Pass --config FILE with your own config (the packaged service reads {PackagedConfig}; keys in docs/configuration.md)."
            : $"supervisor: no --config given: using {options.ResolveConfigFile()} from this directory (in the repository that " +
              "is the simulated demo fleet). Pass --config FILE to say which config to use.";

    /// <summary>Writes the notice, if any, as the command's first line (on stderr, so stdout stays the command's output).</summary>
    public static void WriteTo(NodeOptions options, TextWriter error)
    {
        if (For(options) is { } notice) error.WriteLine(notice);
    }
}
