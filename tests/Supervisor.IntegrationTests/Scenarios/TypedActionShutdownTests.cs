namespace Supervisor.IntegrationTests.Scenarios;

/// <summary>
/// Issue 16 end to end through a real <c>supervisor run</c>: a simulated UPS loses mains, and the group's saga runs typed
/// actions on this node's agent: <c>type = ssh</c> against a real sshd (the remote command only touches a marker in the
/// scenario dir) and <c>type = nut-fsd</c> against a real upsd with a real upsmon secondary (its SHUTDOWNCMD only writes a
/// marker). The upsd the FSD goes to is not the device the node watches, and it stays on line: the secondary can only
/// shut down because our saga told it to. Nothing real is powered off: those two actions are the only ones allow-listed.
/// </summary>
public sealed class TypedActionShutdownTests(UpsdServer upsd, SshServer sshd, ITestOutputHelper output)
    : ProcessClusterTest(output), IClassFixture<UpsdServer>, IClassFixture<SshServer>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string SagaId = "rack-1-\\d{8}T\\d{6}";
    private UpsmonSecondary? _upsmon;

    private string SshMarker => Path.Combine(Scenario.Dir, "nas-1-was-told");
    private string NasTarget => $"127.0.0.1:{sshd.Port}";
    private string UpsTarget => $"{upsd.UpsName}@127.0.0.1:{upsd.Port}";

    public async Task InitializeAsync()
    {
        await upsd.RestartAsync(); // FSD latches in upsd: every test gets a fresh one
        _upsmon = UpsmonSecondary.Start(upsd.UpsName, upsd.Host, upsd.Port, UpsdServer.MonitorUser, UpsdServer.MonitorPassword);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await upsd.QueryAsync($"GET NUMLOGINS {upsd.UpsName}"))[0] != $"NUMLOGINS {upsd.UpsName} 1")
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the upsmon secondary never logged in:\n" + _upsmon.Log());
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        _upsmon?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Phase 1 tells the NAS over SSH, phase 2 the NUT secondaries; <paramref name="hostKey"/> pins sshd's key (or not).</summary>
    private string Config(bool dryRun, string? hostKey = null) => Scenario.WriteConfig("node.conf", Hocon.Supervisor("data",
        Hocon.OutageUps("4s"),
        Hocon.Group(string.Join(",\n", Hocon.Phase("nas", Hocon.Step("it-host", "nas-1-off")),
            Hocon.Phase("nut-clients", Hocon.Step("it-host", "tell-nut-secondaries")))),
        $$"""
        agent {
          host = it-host
          dry-run = {{(dryRun ? "on" : "off")}}
          actions {
            nas-1-off {
              type = ssh
              host = "127.0.0.1"
              port = {{sshd.Port}}
              user = "{{sshd.User}}"
              key = "{{sshd.ClientKey}}"
              host-key = "{{hostKey ?? sshd.HostKeyFingerprint}}"
              command = "echo going down; touch {{SshMarker}}"
              timeout = 15s
            }
            tell-nut-secondaries {
              type = nut-fsd
              server = "127.0.0.1:{{upsd.Port}}"
              ups = {{upsd.UpsName}}
              username = {{UpsdServer.AdminUser}}
              password = "{{UpsdServer.AdminPassword}}"
              timeout = 20s
            }
          }
        }
        """));

    private Task<CliProcess.Result> SagasShowLatest(NodeProcess node) => CliProcess.RunAsync("sagas", "show", "latest", "--node", $"127.0.0.1:{node.Port}");

    [Fact]
    public async Task Live_saga_should_run_ssh_and_nut_fsd_and_list_each_target_in_sagas_show_and_the_event_log()
    {
        var node = Start("node", Config(dryRun: false), LoopbackPort.Free());
        await node.WaitForLineAsync($"Saga {SagaId}: COMPLETE: 2 step\\(s\\): 2 succeeded", Wait);

        Assert.True(File.Exists(SshMarker), "the ssh command never ran on sshd:\n" + sshd.Log());
        Assert.True(_upsmon!.ShutdownRan, "the upsmon secondary's SHUTDOWNCMD marker is missing:\n" + _upsmon.Log());
        Assert.Equal([("1.1-nas-it-host-nas-1-off", "nas-1-off", false), ("2.1-nut-clients-it-host-tell-nut-secondaries", "tell-nut-secondaries", false)],
            Scenario.ActionLog("data"));

        var show = await SagasShowLatest(node);
        Assert.True(show.ExitCode == 0, show.Stdout + show.Stderr);
        Output.WriteLine(show.Stdout);
        Assert.Equal("exited 0", TargetRow(show.Stdout, "1.1-nas-it-host-nas-1-off", NasTarget, "OK"));
        Assert.Matches(@"^FSD set; 1 of 1 secondaries logged out after \d+s$", TargetRow(show.Stdout, "2.1-nut-clients-it-host-tell-nut-secondaries", UpsTarget, "OK"));

        var messages = await StepMessagesAsync(node, count: 2);
        Assert.Contains(messages, m => m.Contains("step 1.1-nas-it-host-nas-1-off acked: succeeded") && m.Contains($"[{NasTarget}: exited 0]"));
        Assert.Contains(messages, m => m.Contains("step 2.1-nut-clients-it-host-tell-nut-secondaries acked: succeeded") &&
                                       m.Contains($"[{UpsTarget}: FSD set; 1 of 1 secondaries logged out"));
    }

    [Fact]
    public async Task Dry_run_saga_should_fail_only_the_step_whose_probe_fails_and_act_on_nothing()
    {
        // Not sshd's key: the probe must refuse the host with the key it really offered, and nothing is sent to it.
        var node = Start("node", Config(dryRun: true, hostKey: "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"), LoopbackPort.Free());
        await node.WaitForLineAsync($"Saga {SagaId}: COMPLETE: 2 step\\(s\\): 1 failed, 1 succeeded", Wait);

        var show = await SagasShowLatest(node);
        Assert.True(show.ExitCode == 0, show.Stdout + show.Stderr);
        Output.WriteLine(show.Stdout);
        Assert.StartsWith($"dry-run: {NasTarget} offered host key ssh-ed25519", TargetRow(show.Stdout, "1.1-nas-it-host-nas-1-off", NasTarget, "FAILED"));
        Assert.StartsWith("dry-run: upsd at", TargetRow(show.Stdout, "2.1-nut-clients-it-host-tell-nut-secondaries", UpsTarget, "OK"));
        // The table wraps long details; the same view as JSON has the whole message.
        var json = await CliProcess.RunAsync("sagas", "show", "latest", "--json", "--node", $"127.0.0.1:{node.Port}");
        var steps = json.Json.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("stepId").GetString()!);
        var ssh = steps["1.1-nas-it-host-nas-1-off"];
        Assert.Equal("FAILED", ssh.GetProperty("status").GetString());
        Assert.Contains($"offered host key ssh-ed25519 {sshd.HostKeyFingerprint}", ssh.GetProperty("detail").GetString());
        Assert.Contains("the host key CHANGED", ssh.GetProperty("detail").GetString());
        Assert.Equal("SUCCEEDED", steps["2.1-nut-clients-it-host-tell-nut-secondaries"].GetProperty("status").GetString());

        Assert.Equal([("1.1-nas-it-host-nas-1-off", "nas-1-off", true), ("2.1-nut-clients-it-host-tell-nut-secondaries", "tell-nut-secondaries", true)],
            Scenario.ActionLog("data"));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a secondary told FSD shuts down within about a second (POLLFREQ 1, FINALDELAY 0)
        Assert.False(File.Exists(SshMarker), "dry-run ran the ssh command");
        Assert.False(_upsmon!.ShutdownRan, "dry-run made the upsmon secondary shut down:\n" + _upsmon.Log());
        Assert.DoesNotContain("FSD", (await upsd.QueryAsync($"GET VAR {upsd.UpsName} ups.status"))[0]);
    }

    /// <summary>
    /// The first line of the Detail cell in the "Step | Target | Outcome | Detail" table's row for
    /// <paramref name="step"/> and <paramref name="target"/> (a long detail wraps onto the lines below).
    /// </summary>
    private static string TargetRow(string tables, string step, string target, string outcome)
    {
        var row = new Regex($@"^│ {Regex.Escape(step)}\s+│ {Regex.Escape(target)}\s+│ {outcome}\s+│ (.*?)\s*│$", RegexOptions.Multiline).Match(tables);
        Assert.True(row.Success, $"no target row {step} | {target} | {outcome} in:\n{tables}");
        return row.Groups[1].Value;
    }

    /// <summary>The lines of <c>supervisor events</c> that tell a step's ack, once <paramref name="count"/> are stored (the log is written behind the saga).</summary>
    private async Task<List<string>> StepMessagesAsync(NodeProcess node, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var events = await CliProcess.RunAsync("events", "--kind", "saga", "--node", $"127.0.0.1:{node.Port}");
            var acks = events.Stdout.Split('\n').Where(l => l.Contains(" acked: ")).ToList();
            if (events.ExitCode == 0 && acks.Count >= count) { Output.WriteLine(events.Stdout); return acks; }
            if (DateTime.UtcNow > deadline) Assert.Fail($"supervisor events never listed {count} step acks (exit {events.ExitCode}):\n{events.Stdout}{events.Stderr}");
            await Task.Delay(500);
        }
    }
}
