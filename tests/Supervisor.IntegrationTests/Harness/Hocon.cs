namespace Supervisor.IntegrationTests.Harness;

/// <summary>Config snippets for scenarios: a NUT UPS on the test upsd, a group around it, an agent.</summary>
internal static class Hocon
{
    public static string NutDevice(int upsdPort, string extra = "") => $$"""
        ups-1 {
          driver = nut
          host = "127.0.0.1"
          port = {{upsdPort}}
          ups = ups1
          poll-interval = 1s
          stabilize = 2s
          {{extra}}
        }
        """;

    /// <summary>One step line: <c>{ host = h, action = a, timeout = t }</c>.</summary>
    public static string Step(string host, string action, string timeout = "20s") => $"{{ host = {host}, action = {action}, timeout = {timeout} }}";

    public static string Phase(string name, params string[] steps) => $"{{ name = {name}, steps = [ {string.Join(", ", steps)} ] }}";

    public static string Group(string phases, string extra = "") => $$"""
        rack {
          members = [ups-1]
          min-healthy = 1
          startup-grace = 3s
          rearm-after = 5s
          {{extra}}
          shutdown {
            safety-margin = 10s
            retry-interval = 1s
            phases = [
              {{phases}}
            ]
          }
        }
        """;

    public static string Agent(string host) => $$"""
        agent {
          host = {{host}}
          dry-run = on
          actions {
            stop-vms { command = ["systemctl", "stop", "libvirt-guests.service"] }
            sync { command = ["sync"] }
            poweroff { command = ["systemctl", "poweroff"] }
          }
        }
        """;

    /// <summary>
    /// A whole node config that shuts down within seconds of start, no server needed: a simulated UPS that loses mains
    /// after <paramref name="outageAt"/> and turns CRITICAL 2 s later, a group around it, a dry-run agent.
    /// </summary>
    public static string FastOutage(string dataDir, string outageAt = "2s", string extra = "") =>
        Supervisor(dataDir, OutageUps(outageAt), Group(VmsThenPoweroff("it-host")), Agent("it-host") + "\n" + extra);

    /// <summary>Simulated ups-1 that loses mains after <paramref name="outageAt"/> and turns CRITICAL 2 s later.</summary>
    public static string OutageUps(string outageAt) => $$"""
        ups-1 {
          driver = simulated
          profile = outage
          outage-at = {{outageAt}}
          poll-interval = 500ms
          triggers { on-battery = 2s }
        }
        """;

    /// <summary>The two phases most scenarios shut down with: stop-vms on <paramref name="host"/>, then its poweroff.</summary>
    public static string VmsThenPoweroff(string host, string timeout = "20s") =>
        string.Join(",\n", Phase("vms", Step(host, "stop-vms", timeout)), Phase("local-host", Step(host, "poweroff", timeout)));

    /// <summary>
    /// The fail-over tests' phases: stop-vms on <paramref name="host"/>, then a step for a host with no agent (so the saga
    /// waits there, 30 s, for the kill to land), then the poweroff of <paramref name="host"/>.
    /// </summary>
    public static string VmsStuckRemoteThenPoweroff(string host) => string.Join(",\n", Phase("vms", Step(host, "stop-vms")),
        Phase("remote-hosts", Step("unreachable-host", "sync", "30s")), Phase("local-host", Step(host, "poweroff")));

    /// <summary>The config of an agent-only node: its data dir, <paramref name="extra"/> (a journal, say) and a dry-run agent for <paramref name="host"/>.</summary>
    public static string AgentNode(string dataDir, string host, string extra = "") => $"supervisor {{ data-dir = \"{dataDir}\"\n{extra}\n{Agent(host)} }}";

    /// <summary>The journal block of a node on the shared PostgreSQL database <paramref name="connectionString"/>.</summary>
    public static string PostgresJournal(string connectionString) => $"journal {{ provider = postgresql, connection-string = \"{connectionString}\" }}";

    /// <summary>The least a node needs: one simulated UPS and a group around it with one step, for hv-1 (two lines, no block).</summary>
    public const string SimulatedRack = """
        devices { ups-a { driver = simulated } }
        groups.rack { members = [ups-a], shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = sync } ] } ] }
        """;

    public static string Supervisor(string dataDir, string devices, string groups, string agent) => $$"""
        supervisor {
          data-dir = "{{dataDir}}"
          devices {
            {{devices}}
          }
          groups {
            {{groups}}
          }
          {{agent}}
        }
        """;
}
