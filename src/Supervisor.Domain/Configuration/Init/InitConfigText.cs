using System.Globalization;
using System.Text;

namespace Supervisor.Domain.Configuration.Init;

/// <summary>What <c>supervisor init</c> found and where it runs: everything the written config depends on.</summary>
/// <param name="Command">The command line as typed, quoted in the file's first lines so a re-run is one copy away.</param>
/// <param name="AgentHost">This host's agent id (from its host name): every shutdown step runs there.</param>
public sealed record InitPlan(string Command, IReadOnlyList<FoundDevice> Devices, string AgentHost, string DataDir = "data");

/// <summary>
/// The commented HOCON <c>supervisor init</c> writes: the found devices, one group over all of them with a suggested
/// <c>min-healthy</c>, and a local agent in dry-run whose example actions are valid on a Debian host. Pure, so the text
/// is tested without hardware; that it passes <c>validate</c> is tested against real servers.
/// </summary>
public static class InitConfigText
{
    public const string GroupId = "power";

    public static string Write(InitPlan plan)
    {
        if (plan.Devices.Count == 0) throw new ArgumentException("init writes a config only for at least one found device", nameof(plan));
        var suggestion = MinHealthySuggestion.For(plan.Devices.Count);
        var host = plan.AgentHost;
        var w = new StringBuilder();
        w.AppendLine($"# Written by `{OneLine(plan.Command)}`.");
        w.AppendLine("# Check it with `supervisor validate FILE` and watch it with `supervisor run --config FILE`; every key is in");
        w.AppendLine("# docs/configuration.md. Nothing is shut down for real until you set agent.dry-run = off.");
        w.AppendLine("supervisor {");
        w.AppendLine("  # Journal (which shutdowns ran), action log and history. The packaged service uses /var/lib/supervisor.");
        w.AppendLine($"  data-dir = {Quote(plan.DataDir)}");
        w.AppendLine();
        w.AppendLine("  devices {");
        foreach (var d in plan.Devices)
        {
            w.AppendLine($"    # {OneLine(d.Comment)}");
            w.AppendLine($"    {d.Id} {{");
            w.AppendLine($"      driver = {d.Driver}");
            foreach (var s in d.Settings)
                w.AppendLine($"      {s.Key} = {(s.Number is { } n ? n.ToString(CultureInfo.InvariantCulture) : Quote(s.Text ?? ""))}");
            w.AppendLine("    }");
        }
        w.AppendLine("  }");
        w.AppendLine();
        w.AppendLine("  groups {");
        w.AppendLine("    # The devices that keep this host running. Below min-healthy healthy members, the shutdown below runs once.");
        w.AppendLine($"    # min-healthy = {suggestion.MinHealthy}: {OneLine(suggestion.Why)}");
        w.AppendLine($"    {GroupId} {{");
        w.AppendLine($"      members = [{string.Join(", ", plan.Devices.Select(d => d.Id))}]");
        w.AppendLine($"      min-healthy = {suggestion.MinHealthy}");
        w.AppendLine("      shutdown {");
        w.AppendLine("        # In order, each phase after the one before has finished: guests first, the host last.");
        w.AppendLine("        phases = [");
        w.AppendLine($"          {{ name = vms, steps = [ {{ host = {host}, action = stop-vms, timeout = 120s }} ] }},");
        w.AppendLine($"          {{ name = containers, steps = [ {{ host = {host}, action = stop-containers, timeout = 60s }} ] }},");
        w.AppendLine($"          {{ name = filesystems, steps = [ {{ host = {host}, action = sync, timeout = 30s }} ] }},");
        w.AppendLine($"          {{ name = local-host, steps = [ {{ host = {host}, action = poweroff, timeout = 30s }} ] }}");
        w.AppendLine("        ]");
        w.AppendLine("      }");
        w.AppendLine("    }");
        w.AppendLine("  }");
        w.AppendLine();
        w.AppendLine("  # This host's agent runs the steps. In dry-run it only writes what it would run to <data-dir>/agent-actions.jsonl;");
        w.AppendLine("  # remove the actions this host has no use for (and their phases), then set dry-run = off.");
        w.AppendLine("  agent {");
        w.AppendLine($"    host = {host}");
        w.AppendLine("    dry-run = on");
        w.AppendLine("    actions {");
        w.AppendLine("      # libvirt-guests shuts the running VMs down and waits for them (up to its SHUTDOWN_TIMEOUT).");
        w.AppendLine("      stop-vms { command = [\"systemctl\", \"stop\", \"libvirt-guests.service\"] }");
        w.AppendLine("      # Stopping docker.service stops every container with its stop timeout.");
        w.AppendLine("      stop-containers { command = [\"systemctl\", \"stop\", \"docker.service\"] }");
        w.AppendLine("      sync { command = [\"sync\"] }");
        w.AppendLine("      poweroff { command = [\"systemctl\", \"poweroff\"] }");
        w.AppendLine("    }");
        w.AppendLine("  }");
        w.AppendLine("}");
        return w.ToString();
    }

    /// <summary>A HOCON quoted string: backslash, quote and control characters escaped (values come off the network).</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return sb.Append('"').ToString();
    }

    /// <summary>Text for a comment line: a line break in a device's description would end the comment and become config.</summary>
    private static string OneLine(string text) => new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
