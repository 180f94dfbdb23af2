namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// Mutual TLS between real node processes, with the certificates of scripts/make-test-certs.sh. Node 1 (role
/// supervisor) is the seed. Nodes and CLIs with a certificate from the private CA get in; a certificate from another
/// CA, a self-signed one, no certificate and plaintext do not, and node 1 logs each refusal.
/// The intruders trust the real CA (its certificate is no secret), so it is node 1 that refuses them.
/// </summary>
public sealed class MutualTlsClusterTests(TestCerts certs, ITestOutputHelper output) : ProcessClusterTest(output), IClassFixture<TestCerts>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private string NodeConfig(string name, string tlsSection) =>
        Scenario.WriteConfig(name + ".conf", $"supervisor {{\n  data-dir = \"data-{name}\"\n{tlsSection}\n}}\n");

    /// <summary>Node 1: the TLS seed, its password inline in its config (the hardest case for "never printed").</summary>
    private async Task<NodeProcess> StartSeedAsync(int port)
    {
        var node1 = Start("node1", NodeConfig("node1", certs.TlsSection("node1", inlinePassword: true)), port, "--roles", "supervisor");
        await node1.WaitForLineAsync("Supervisor: watching", Wait);
        return node1;
    }

    private string CliTls(string cert, string ca = "ca") => Scenario.WriteConfig($"cli-{cert}-{ca}.conf", $"supervisor {{\n{certs.TlsSection(cert, ca)}\n}}\n");

    private static Task<CliProcess.Result> ClusterShow(int port, string? tlsConfig) => tlsConfig is null
        ? CliProcess.RunAsync("cluster", "show", "--json", "--node", $"127.0.0.1:{port}")
        : CliProcess.RunAsync("cluster", "show", "--json", "--node", $"127.0.0.1:{port}", "--tls-config", tlsConfig);

    private static Dictionary<string, string> Members(CliProcess.Result show) =>
        show.Json.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("address").GetString()!, m => m.GetProperty("status").GetString()!);

    [Fact]
    public async Task Two_tls_nodes_should_form_a_cluster_and_a_cli_with_its_own_certificate_should_list_both()
    {
        var (p1, p2) = (LoopbackPort.Free(), LoopbackPort.Free());
        var node1 = await StartSeedAsync(p1);
        var node2 = Start("node2", NodeConfig("node2", certs.TlsSection("node2")), p2, "--roles", "supervisor", "--seed", $"127.0.0.1:{p1}");
        await node1.WaitForLineAsync($"Cluster: akka.ssl.tcp://supervisor@127.0.0.1:{p2} \\[.*\\] is up", Wait);
        await node2.WaitForLineAsync($"^supervisor: node akka.ssl.tcp://supervisor@127.0.0.1:{p2} roles \\[supervisor\\]", Wait);

        var show = await ClusterShow(p1, CliTls("cli"));
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Equal(new Dictionary<string, string>
        {
            [$"akka.ssl.tcp://supervisor@127.0.0.1:{p1}"] = "Up",
            [$"akka.ssl.tcp://supervisor@127.0.0.1:{p2}"] = "Up",
        }, Members(show));
        Assert.Equal(0, node1.Count("TLS: refused"));

        // Both nodes' output (stdout and stderr), from start to a served CLI call: no trace of the .pfx password.
        Assert.All(node1.Lines.Concat(node2.Lines).Append(show.Stdout).Append(show.Stderr), l => Assert.DoesNotContain(TestCerts.Password, l));
    }

    [Theory]
    [InlineData("untrusted", "CN=supervisor-untrusted, O=Supervisor Test", "CN=Some Other CA, O=Supervisor Test")]
    [InlineData("rogue", "CN=supervisor-rogue, O=Supervisor Test", "CN=supervisor-rogue, O=Supervisor Test")]
    public async Task A_node_whose_certificate_is_not_from_the_cluster_ca_should_never_join(string cert, string subject, string issuer)
    {
        var (p1, p3) = (LoopbackPort.Free(), LoopbackPort.Free());
        var node1 = await StartSeedAsync(p1);
        var intruder = Start(cert, NodeConfig(cert, certs.TlsSection(cert)), p3, "--roles", "agent", "--seed", $"127.0.0.1:{p1}");

        var refusal = await node1.WaitForLineAsync("TLS: refused .*" + System.Text.RegularExpressions.Regex.Escape(subject), Wait);
        Assert.Matches($"WARN  \\[TcpTransport\\] TLS: refused \\S+: certificate \"{subject}\" \\(issuer \"{issuer}\"\\) is not trusted: not issued by the trusted CA$", refusal);
        Output.WriteLine($"node1 refusal: {refusal}");
        await intruder.WaitForLineAsync("Couldn't join seed nodes after \\[2\\] attempts", Wait);
        await AssertAloneAsync(node1, p1, p3);
    }

    [Fact]
    public async Task A_plaintext_node_should_never_join_a_tls_node()
    {
        var (p1, p3) = (LoopbackPort.Free(), LoopbackPort.Free());
        var node1 = await StartSeedAsync(p1);
        var plain = Start("plain", NodeConfig("plain", ""), p3, "--roles", "agent", "--seed", $"127.0.0.1:{p1}");
        await plain.WaitForLineAsync($"^supervisor: node akka.tcp://supervisor@127.0.0.1:{p3} ", Wait);

        var refusal = await node1.WaitForLineAsync("NotSslRecordException: not an SSL/TLS record", Wait);
        Output.WriteLine($"node1 refusal: {refusal}");
        await plain.WaitForLineAsync("Couldn't join seed nodes after \\[2\\] attempts", Wait);
        await AssertAloneAsync(node1, p1, p3);
    }

    private async Task AssertAloneAsync(NodeProcess node1, int p1, int intruderPort)
    {
        var show = await ClusterShow(p1, CliTls("cli"));
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Equal([$"akka.ssl.tcp://supervisor@127.0.0.1:{p1}"], Members(show).Keys);
        Assert.Equal(0, node1.Count($"127.0.0.1:{intruderPort} \\[.*\\] is joining"));
    }

    [Fact]
    public async Task A_cli_without_a_trusted_certificate_should_exit_2_with_a_clear_message_within_seconds()
    {
        var p1 = LoopbackPort.Free();
        var node1 = await StartSeedAsync(p1);

        var none = await ClusterShow(p1, tlsConfig: null);
        AssertRefused(none, "the node probably requires mutual TLS (supervisor.tls.enabled = on). Pass --tls-config FILE");

        var rogue = await ClusterShow(p1, CliTls("rogue"));
        AssertRefused(rogue, $"akka.ssl.tcp://supervisor@127.0.0.1:{p1} refused this CLI's certificate (CN=supervisor-rogue, O=Supervisor Test;");
        await node1.WaitForLineAsync("TLS: refused .*certificate \"CN=supervisor-rogue, O=Supervisor Test\"", Wait);

        var untrusted = await ClusterShow(p1, CliTls("untrusted"));
        AssertRefused(untrusted, "refused this CLI's certificate (CN=supervisor-untrusted, O=Supervisor Test;");

        // A good certificate but the wrong CA to check the node with: the CLI itself refuses the node.
        var wrongCa = await ClusterShow(p1, CliTls("cli", ca: "other-ca"));
        AssertRefused(wrongCa, $"this CLI does not trust akka.ssl.tcp://supervisor@127.0.0.1:{p1}: its certificate \"CN=supervisor-node1, O=Supervisor Test\" is not trusted: not issued by the trusted CA");

        // And the refusals did not disturb the node: a trusted CLI still gets its answer.
        Assert.Equal(0, (await ClusterShow(p1, CliTls("cli"))).ExitCode);
    }

    private void AssertRefused(CliProcess.Result result, string expected)
    {
        Output.WriteLine($"CLI exit {result.ExitCode} after {result.Took.TotalSeconds:0.0}s: {result.Stderr.Trim()}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        // "Within seconds", with room for process start on a loaded 2-core box (the ask timeout alone is 6 s).
        Assert.True(result.Took < TimeSpan.FromSeconds(10), $"took {result.Took}");
        Assert.DoesNotContain(TestCerts.Password, result.Stderr + result.Stdout);
    }
}
