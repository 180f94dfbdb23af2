using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>Reads <c>supervisor.agent</c> (absent = this node runs no agent), merged with <c>supervisor.defaults.agent</c> / <c>.action</c>.</summary>
internal static partial class AgentConfigReader
{
    private static readonly string[] AgentKeys = ["host", "dry-run", "action-log", "actions", "failsafe"];
    private static readonly string[] FailsafeKeys = ["after", "sequence"];
    /// <summary>Keys every action may have, whatever its type.</summary>
    private static readonly string[] CommonActionKeys = ["type", "timeout"];

    private delegate ActionSpec? TypeReader(HoconSection s, string? baseDirectory);

    /// <summary>The readers by <c>type</c>, with the keys each type knows besides <see cref="CommonActionKeys"/>. A new type adds one line.</summary>
    private static readonly IReadOnlyDictionary<string, (TypeReader Read, string[] Keys)> ActionTypes = new Dictionary<string, (TypeReader, string[])>
    {
        ["command"] = (ReadCommand, ["command"]),
        ["libvirt"] = (ReadLibvirt, ["uri", "domains", "force-after", "poll-every"]),
        ["unmount"] = (ReadUnmount, ["mount-points", "lazy"]),
        ["ssh"] = (ReadSsh, ["host", "port", "user", "key", "known-hosts", "host-key", "command"]),
        ["nut-fsd"] = (ReadNutFsd, ["server", "ups", "username", "password", "password-file", "password-env", "wait-for-logouts"]),
        ["docker"] = (ReadDocker, ["socket", "url", "containers", "time"]),
        ["proxmox"] = (ReadProxmox, ["url", "node", "token-id", "token-secret", "token-secret-file", "token-secret-env", "vms", "tls-ca", "fingerprint"]),
    };

    /// <summary>The action types, for messages and docs.</summary>
    public static IEnumerable<string> KnownActionTypes => ActionTypes.Keys;

    /// <param name="dataDir">A relative <c>action-log</c> is placed under this directory.</param>
    /// <param name="baseDirectory">Relative key and known-hosts files are read from here (the config file's directory).</param>
    public static AgentSettings? Read(HoconValue? agent, string dataDir, DefaultLayers defaults, ConfigDiagnostics diag, string? baseDirectory = null)
    {
        if (agent is null) return null;
        if (!agent.IsObject())
        {
            diag.Error(ConfigPath.Agent, $"must be an object, not {HoconSection.Describe(agent)}; write e.g. agent {{ host = hv-1, actions {{ … }} }}");
            return null;
        }

        var s = new HoconSection(ConfigPath.Agent, agent.GetObject(), diag, defaults.Agent);
        var log = s.String("action-log");
        var settings = new AgentSettings(
            Host: s.RequiredString("host"),
            DryRun: s.Bool("dry-run"),
            ActionLog: Path.IsPathRooted(log) ? log : Path.Combine(dataDir, log),
            Actions: ReadActions(s, defaults, baseDirectory)) { Failsafe = ReadFailsafe(s) };
        s.WarnUnknownKeys(AgentKeys);
        return settings;
    }

    /// <summary><c>failsafe { after = 60s, sequence = [stop-vms, poweroff] }</c>; every sequence entry must be an allow-listed action.</summary>
    private static FailsafeSettings ReadFailsafe(HoconSection agent)
    {
        // A failsafe that is not an object is read as reference.conf's (off): Child hides the layers below a non-object.
        var f = agent.DefaultedChild("failsafe");
        var after = f.Duration("after");
        var sequence = f.StringList("sequence", "[stop-vms, sync, poweroff]") ?? [];
        f.WarnUnknownKeys(FailsafeKeys);
        if (after < TimeSpan.FromSeconds(10))
            f.Diag.Warn(f.KeyPath("after"), $"{after.TotalSeconds:0.#}s is shorter than a few supervisor heartbeats (2 s each); a slow network could make the agent shut its host down on its own");
        return new FailsafeSettings(after, sequence);
    }

    private static List<AgentAction> ReadActions(HoconSection agent, DefaultLayers defaults, string? baseDirectory)
    {
        var result = new List<AgentAction>();
        var actions = agent.Find("actions", out var actionsPath);
        if (actions is null) return result;
        if (!actions.IsObject())
        {
            agent.Diag.Error(actionsPath, $"must be an object, not {HoconSection.Describe(actions)}; write e.g. actions {{ poweroff {{ command = [\"systemctl\", \"poweroff\"] }} }}");
            return result;
        }

        foreach (var (name, value) in ConfigMaps.ObjectEntries(actions.GetObject(), agent.Diag, ConfigPath.AgentAction, "command = [\"systemctl\", \"poweroff\"], timeout = 60s"))
            if (ReadAction(name, value, agent.Diag, defaults, baseDirectory) is { } action) result.Add(action);
        return result;
    }

    /// <summary>One action: its <c>type</c> (command when absent, as before types existed) picks the reader; layered over
    /// <c>supervisor.defaults.actions.&lt;type&gt;</c> and then <c>supervisor.defaults.action</c>.</summary>
    private static AgentAction? ReadAction(string name, HoconObject value, ConfigDiagnostics diag, DefaultLayers defaults, string? baseDirectory)
    {
        var path = ConfigPath.AgentAction(name);
        var type = new HoconSection(path, value, diag).OptionalString("type")?.ToLowerInvariant() ?? "command";
        if (!ActionTypes.TryGetValue(type, out var reader))
        {
            diag.Error($"{path}.type", $"unknown action type \"{Domain.Text.ForeignText.Escape(type)}\"; use one of {string.Join(" | ", ActionTypes.Keys)}");
            return null;
        }
        var s = new HoconSection(path, value, diag, defaults.ActionType(type), defaults.Action);
        var timeout = s.Duration("timeout");
        s.WarnUnknownKeys([.. CommonActionKeys, .. reader.Keys]);
        return reader.Read(s, baseDirectory) is { } spec ? new AgentAction(name, spec, timeout) : null;
    }

    private static ActionSpec? ReadCommand(HoconSection s, string? baseDirectory) =>
        new CommandSpec(s.StringList("command", "[\"systemctl\", \"poweroff\"]") ?? []);
}
