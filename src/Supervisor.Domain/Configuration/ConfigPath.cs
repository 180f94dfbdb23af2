namespace Supervisor.Domain.Configuration;

/// <summary>
/// Builds the HOCON paths that <see cref="ConfigError"/>s carry, so the loader and the validator name a key
/// the same way (<c>supervisor.groups.rack-a.shutdown.phases[0].steps[1].action</c>).
/// </summary>
public static class ConfigPath
{
    public const string Root = "supervisor";
    public const string Devices = Root + ".devices";
    public const string Groups = Root + ".groups";
    public const string Agent = Root + ".agent";
    public const string Tls = Root + ".tls";

    /// <summary><c>supervisor.devices.&lt;id&gt;</c></summary>
    public static string Device(string id) => $"{Devices}.{Key(id)}";

    /// <summary><c>supervisor.groups.&lt;id&gt;</c></summary>
    public static string Group(string id) => $"{Groups}.{Key(id)}";

    /// <summary><c>supervisor.groups.&lt;id&gt;.shutdown.phases[i]</c></summary>
    public static string Phase(string groupId, int phase) => $"{Group(groupId)}.shutdown.phases[{phase}]";

    /// <summary><c>supervisor.groups.&lt;id&gt;.shutdown.phases[i].steps[j]</c></summary>
    public static string Step(string groupId, int phase, int step) => $"{Phase(groupId, phase)}.steps[{step}]";

    /// <summary><c>supervisor.agent.actions.&lt;name&gt;</c></summary>
    public static string AgentAction(string name) => $"{Agent}.actions.{Key(name)}";

    /// <summary>A map key as HOCON needs it in a path: quoted when it is not a plain word (dots, spaces, quotes).</summary>
    public static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c is '-' or '_')
            ? key
            : "\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
