using Akka.Configuration;
using Supervisor.Configuration;

namespace Supervisor.Node.Hosting;

/// <summary>
/// The two files the node used to read from next to its binary, now compiled into it: <c>cluster.hocon</c> (the Akka
/// defaults, layer 2) and the demo <c>config/supervisor.conf</c>. A self-contained single-file <c>supervisor</c> sits in
/// /usr/bin, where no such files belong; a framework-dependent build behaves the same, so there is only one way.
/// Both are embedded from the repository's own files (src/Supervisor.Node/Supervisor.Node.csproj).
/// </summary>
public static class BuiltInConfig
{
    /// <summary>What <see cref="NodeOptions.ResolveConfigFile"/> returns (and the start line prints) for the built-in demo.</summary>
    public const string DemoName = "(built-in demo config)";

    public const string ClusterHoconResource = "Supervisor.cluster.hocon";
    public const string DemoResource = "Supervisor.demo.conf";

    /// <summary>The text of the repository's cluster.hocon, as built into this binary.</summary>
    public static string ClusterHoconText => Read(ClusterHoconResource);

    /// <summary>The text of the repository's config/supervisor.conf, as built into this binary.</summary>
    public static string DemoText => Read(DemoResource);

    /// <summary>cluster.hocon, parsed. It cannot fail at run time: the build embeds the file and a test parses it.</summary>
    public static SupervisorConfigLoader.ParsedFile ClusterHocon() => Parse(ClusterHoconText, "cluster.hocon (built in)");

    /// <summary>The demo config, parsed; it has no relative paths, so it needs no directory.</summary>
    public static SupervisorConfigLoader.ParsedFile Demo() => Parse(DemoText, DemoName);

    private static SupervisorConfigLoader.ParsedFile Parse(string text, string name)
    {
        try
        {
            return new(ConfigurationFactory.ParseString(text), null, null);
        }
        catch (Exception e)
        {
            return new(null, new Domain.Configuration.ConfigError(name, $"built-in file does not parse ({e.Message.Split('\n')[0]}); this is a build problem"), null);
        }
    }

    private static string Read(string resource)
    {
        using var stream = typeof(BuiltInConfig).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from the supervisor assembly (build problem).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
