namespace Supervisor.IntegrationTests.Inspection;

/// <summary>
/// The inspection CLI against a live 3-node cluster of real processes: node 1 (supervisor + agent n1, the seed),
/// node 2 (a standby supervisor) and node 3 (agent n3). The CLI never joins; it asks /user/inspector.
/// </summary>
public sealed class ClusterCliTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    // SBR waits a minute here: this test downs the crashed member itself, through the CLI.
    private const string SlowSbr = "akka.cluster.split-brain-resolver.stable-after = 60s";

    private string SupervisorConfig(string name, string dataDir, string agentHost) => Scenario.WriteConfig(name, $$"""
        {{SlowSbr}}
        supervisor {
          data-dir = "{{dataDir}}"
          devices {
            ups-a { driver = simulated, profile = outage, outage-at = 6s, poll-interval = 1s, triggers { on-battery = 3s } }
          }
          groups {
            rack {
              members = [ups-a]
              startup-grace = 2s
              shutdown {
                retry-interval = 1s
                phases = [
                  { name = vms, steps = [ { host = n3, action = stop-vms, timeout = 20s } ] },
                  { name = local-host, steps = [ { host = n1, action = poweroff, timeout = 20s } ] }
                ]
              }
            }
          }
          {{(agentHost.Length == 0 ? "" : Hocon.Agent(agentHost))}}
        }
        """);

    [Fact]
    public async Task Cli_should_show_status_sagas_and_steer_membership_of_a_live_three_node_cluster()
    {
        var (p1, p2, p3) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var seed = $"127.0.0.1:{p1}";
        var n1 = Start("n1", SupervisorConfig("n1.conf", "d1", "n1"), p1, "--roles", "supervisor,agent");
        await n1.WaitForLineAsync("Supervisor: watching", Wait);
        var n2 = Start("n2", SupervisorConfig("n2.conf", "d2", ""), p2, "--roles", "supervisor", "--seed", seed);
        var n3 = Start("n3", Scenario.WriteConfig("n3.conf", $"{SlowSbr}\nsupervisor {{ data-dir = \"d3\"\n{Hocon.Agent("n3")} }}"), p3, "--roles", "agent", "--seed", seed);
        await ClusterCli.WaitForUpAsync(p1, 3, Wait); // the leader (which logs "moving to Up") may be any node

        // cluster show: every member with its roles, the leader, and where the supervisor singleton runs — asked via the agent node.
        var show = await WaitForView(p3, v => v.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up") == 3);
        Assert.Equal(0, show.ExitCode);
        var members = show.Json.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("address").GetString()!);
        Assert.Equal(3, members.Count);
        Assert.Equal(["agent", "supervisor"], members[$"akka.tcp://supervisor@127.0.0.1:{p1}"].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["agent"], members[$"akka.tcp://supervisor@127.0.0.1:{p3}"].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal($"akka.tcp://supervisor@127.0.0.1:{p1}", show.Json.GetProperty("supervisorNode").GetString());
        Assert.False(string.IsNullOrEmpty(show.Json.GetProperty("leader").GetString()));
        Assert.All(members.Values, m => Assert.Equal("Up", m.GetProperty("status").GetString()));

        var leader = await CliProcess.RunAsync("cluster", "leader", "--node", $"127.0.0.1:{p2}");
        Assert.Equal((0, show.Json.GetProperty("leader").GetString()), (leader.ExitCode, leader.Stdout.Trim()));

        // The simulated outage runs a saga whose first step is on n3's agent, on another node.
        await n1.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE: 2 step\\(s\\): 2 succeeded", Wait);
        var status = await CliProcess.RunAsync("status", "--json", "--node", $"127.0.0.1:{p3}");
        Assert.Equal(0, status.ExitCode);
        var device = status.Json.GetProperty("devices")[0];
        Assert.Equal(("ups-a", "CRITICAL"), (device.GetProperty("id").GetString(), device.GetProperty("health").GetString()));
        Assert.Equal("SHUTDOWNCOMPLETE", status.Json.GetProperty("groups")[0].GetProperty("state").GetString());

        var sagas = await CliProcess.RunAsync("sagas", "list", "--json", "--node", $"127.0.0.1:{p2}");
        var saga = Assert.Single(sagas.Json.GetProperty("sagas").EnumerateArray());
        var sagaId = saga.GetProperty("sagaId").GetString()!;
        Assert.Equal(("COMPLETED", 2), (saga.GetProperty("status").GetString(), saga.GetProperty("succeeded").GetInt32()));
        var detail = await CliProcess.RunAsync("sagas", "show", sagaId, "--json", "--node", $"127.0.0.1:{p1}");
        var steps = detail.Json.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["1.1-vms-n3-stop-vms", "2.1-local-host-n1-poweroff"], steps.Select(s => s.GetProperty("stepId").GetString()));
        Assert.All(steps, s => Assert.Equal("SUCCEEDED", s.GetProperty("status").GetString()));
        Assert.All(steps, s => Assert.True(s.GetProperty("seconds").GetDouble() >= 0));
        var tables = await CliProcess.RunAsync("sagas", "show", sagaId, "--node", $"127.0.0.1:{p1}");
        Assert.Contains("2.1-local-host-n1-poweroff", tables.Stdout);
        Assert.Equal(1, (await CliProcess.RunAsync("sagas", "show", "no-such-saga", "--node", $"127.0.0.1:{p1}")).ExitCode);
        // latest and a unique prefix name the same saga (issue 14: as git takes a short commit id).
        foreach (var shortId in new[] { "latest", sagaId[..8] })
        {
            var same = await CliProcess.RunAsync("sagas", "show", shortId, "--json", "--node", $"127.0.0.1:{p1}");
            Assert.True(same.ExitCode == 0, same.Stdout + same.Stderr);
            Assert.Equal(sagaId, same.Json.GetProperty("sagaId").GetString());
        }

        // down: a crashed member shows up unreachable, and `cluster down` removes it.
        n2.Kill();
        await WaitForMember(p1, $"akka.tcp://supervisor@127.0.0.1:{p2}", m => !m.GetProperty("reachable").GetBoolean());
        var down = await CliProcess.RunAsync("cluster", "down", $"127.0.0.1:{p2}", "--node", $"127.0.0.1:{p1}");
        Assert.Equal(0, down.ExitCode);
        await WaitForMember(p1, $"akka.tcp://supervisor@127.0.0.1:{p2}", _ => false, gone: true);

        // leave: a member asked to leave exits by itself (255: removed from the cluster, so systemd restarts it).
        var leave = await CliProcess.RunAsync("cluster", "leave", $"akka.tcp://supervisor@127.0.0.1:{p3}", "--node", $"127.0.0.1:{p1}");
        Assert.Equal(0, leave.ExitCode);
        Assert.Equal(255, await n3.WaitForExitAsync(Wait));
        await WaitForMember(p1, $"akka.tcp://supervisor@127.0.0.1:{p3}", _ => false, gone: true);

        var notMember = await CliProcess.RunAsync("cluster", "down", "127.0.0.1:1", "--node", $"127.0.0.1:{p1}");
        Assert.Equal(1, notMember.ExitCode);
        Assert.Contains("is not a member of this cluster", notMember.Stderr);
    }

    /// <summary>Gossip takes a moment to reach every node: poll `cluster show` until the asked node's view satisfies the condition.</summary>
    private static async Task<CliProcess.Result> WaitForView(int port, Func<System.Text.Json.JsonElement, bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var show = await CliProcess.RunAsync("cluster", "show", "--json", "--node", $"127.0.0.1:{port}");
            if (show.ExitCode == 0 && condition(show.Json) || DateTime.UtcNow > until) return show;
            await Task.Delay(500);
        }
    }

    private static async Task WaitForMember(int port, string address, Func<System.Text.Json.JsonElement, bool> condition, bool gone = false)
    {
        var until = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < until)
        {
            var show = await CliProcess.RunAsync("cluster", "show", "--json", "--node", $"127.0.0.1:{port}");
            var member = show.Json.GetProperty("members").EnumerateArray().FirstOrDefault(m => m.GetProperty("address").GetString() == address);
            if (gone ? member.ValueKind == System.Text.Json.JsonValueKind.Undefined : member.ValueKind != System.Text.Json.JsonValueKind.Undefined && condition(member))
                return;
            await Task.Delay(1000);
        }
        throw new Xunit.Sdk.XunitException($"member {address} did not reach the expected state within {Wait.TotalSeconds}s");
    }

    [Fact]
    public async Task Cli_should_say_clearly_and_exit_2_within_seconds_when_no_node_listens()
    {
        var result = await CliProcess.RunAsync("cluster", "show", "--node", $"127.0.0.1:{LoopbackPort.Free()}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot reach akka.tcp://supervisor@127.0.0.1:", result.Stderr);
        Assert.Contains("is a Supervisor node running there?", result.Stderr);
        Assert.True(result.Took < TimeSpan.FromSeconds(10), $"took {result.Took}");
    }

    [Fact]
    public async Task Cli_should_say_clearly_and_exit_2_when_the_port_is_not_a_supervisor_node()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start(); // accepts TCP, never speaks Akka
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var result = await CliProcess.RunAsync("status", "--node", $"127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no answer from akka.tcp://supervisor@127.0.0.1:", result.Stderr);
        Assert.True(result.Took < TimeSpan.FromSeconds(15), $"took {result.Took}");
    }

    [Fact]
    public async Task Cli_should_refuse_a_malformed_node_address_with_exit_2()
    {
        var result = await CliProcess.RunAsync("status", "--node", "nonsense");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a node address", result.Stderr);
    }
}
