using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>Reads <c>supervisor.agent</c> (absent = this node runs no agent), merged with <c>supervisor.defaults.agent</c> / <c>.action</c>.</summary>
internal static class AgentConfigReader
{
    private static readonly string[] AgentKeys = ["host", "dry-run", "action-log", "actions", "failsafe"];
    private static readonly string[] FailsafeKeys = ["after", "sequence"];
    private static readonly string[] ActionKeys = ["command", "timeout"];

    /// <param name="dataDir">A relative <c>action-log</c> is placed under this directory.</param>
    public static AgentSettings? Read(HoconValue? agent, string dataDir, DefaultLayers defaults, ConfigDiagnostics diag)
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
            Actions: ReadActions(s, defaults)) { Failsafe = ReadFailsafe(s) };
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

    private static List<AgentAction> ReadActions(HoconSection agent, DefaultLayers defaults)
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
        {
            var s = new HoconSection(ConfigPath.AgentAction(name), value, agent.Diag, defaults.Action);
            result.Add(new AgentAction(name, s.StringList("command", "[\"systemctl\", \"poweroff\"]") ?? [], s.Duration("timeout")));
            s.WarnUnknownKeys(ActionKeys);
        }
        return result;
    }
}
