namespace Supervisor.Node.Hosting;

/// <summary>What the command line says about this node; each non-null value wins over every config file.</summary>
/// <param name="ConfigFile">User config; null = the demo: config/supervisor.conf in the working directory, else the built-in copy.</param>
/// <param name="ForceDryRun">--dry-run: every agent in this process only logs.</param>
/// <param name="Port">--port: akka.remote.dot-netty.tcp.port.</param>
/// <param name="Hostname">--hostname: akka.remote.dot-netty.tcp.hostname.</param>
/// <param name="Seeds">--seed (repeatable): akka.cluster.seed-nodes; "host:port" is short for akka.tcp://supervisor@host:port.</param>
/// <param name="Roles">--roles: akka.cluster.roles.</param>
/// <param name="DataDir">--data-dir: supervisor.data-dir.</param>
public sealed record NodeOptions(
    string? ConfigFile = null,
    bool ForceDryRun = false,
    int? Port = null,
    string? Hostname = null,
    IReadOnlyList<string>? Seeds = null,
    IReadOnlyList<string>? Roles = null,
    string? DataDir = null)
{
    /// <summary>--http-listen host:port: supervisor.http.listen (e.g. 127.0.0.1:0 in tests, where the demo's 8080 may be taken).</summary>
    public string? HttpListen { get; init; }

    /// <summary>
    /// The config file, or for no --config the demo: config/supervisor.conf in the working directory if present, else
    /// <see cref="BuiltInConfig.DemoName"/> (the copy built into the binary).
    /// </summary>
    public string ResolveConfigFile()
    {
        if (ConfigFile is not null) return ConfigFile;
        var local = Path.Combine("config", "supervisor.conf");
        return File.Exists(local) ? local : BuiltInConfig.DemoName;
    }
}
