namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// Turning TLS on takes two commands: with certificates from <c>supervisor certs init</c> and <c>certs issue</c>
/// (each node's config is just the block <c>issue</c> printed), two real nodes on 127.0.0.1 form a TLS cluster and a CLI
/// with its own CLI-made certificate gets <c>status</c> from it, while a node whose certificate comes from another
/// CLI-made CA never joins.
/// </summary>
public sealed class CliMadeCertificatesClusterTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private async Task<string> IssueAsync(string caDir, string name)
    {
        var issue = await CliProcess.RunAsync("certs", "issue", name, "--dir", caDir, "--san", "127.0.0.1");
        Assert.True(issue.ExitCode == 0, issue.Stderr);
        return CertsCommandTests.PrintedBlock(issue);
    }

    private NodeProcess StartWithTls(string name, string tlsBlock, int port, params string[] extra) =>
        Start(name, Scenario.WriteConfig(name + ".conf", $"supervisor.data-dir = \"data-{name}\"\n{tlsBlock}\n"), port, extra);

    [Fact]
    public async Task Certificates_made_by_the_cli_should_form_a_tls_cluster_serve_the_cli_and_keep_out_another_cas_node()
    {
        var (ca, otherCa) = (Path.Combine(Scenario.Dir, "ca"), Path.Combine(Scenario.Dir, "other-ca"));
        Assert.Equal(0, (await CliProcess.RunAsync("certs", "init", "--dir", ca)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync("certs", "init", "--dir", otherCa)).ExitCode);
        var (node1Tls, node2Tls, cliTls, intruderTls) =
            (await IssueAsync(ca, "node1"), await IssueAsync(ca, "node2"), await IssueAsync(ca, "ops-alice"), await IssueAsync(otherCa, "intruder"));

        var (p1, p2, p3) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var node1 = StartWithTls("node1", node1Tls, p1, "--roles", "supervisor");
        await node1.WaitForLineAsync("Supervisor: watching", Wait);
        var node2 = StartWithTls("node2", node2Tls, p2, "--roles", "agent", "--seed", $"127.0.0.1:{p1}");
        await node1.WaitForLineAsync($"Cluster: akka.ssl.tcp://supervisor@127.0.0.1:{p2} \\[.*\\] is up", Wait);

        var cliConfig = Scenario.WriteConfig("cli.conf", cliTls);
        var status = await CliProcess.RunAsync("status", "--json", "--node", $"127.0.0.1:{p1}", "--tls-config", cliConfig);
        Output.WriteLine($"status: exit {status.ExitCode}\n{status.Stdout}{status.Stderr}");
        Assert.True(status.ExitCode == 0, status.Stderr);
        var plain = await CliProcess.RunAsync("status", "--node", $"127.0.0.1:{p1}");
        Assert.Equal(2, plain.ExitCode); // the same command without the CLI's certificate gets nothing

        // The intruder trusts the cluster's CA (its certificate is no secret), so it is node1 that must refuse it.
        var intruderTrustingOurCa = intruderTls.Replace(Path.Combine(otherCa, "ca.crt"), Path.Combine(ca, "ca.crt"));
        var intruder = StartWithTls("intruder", intruderTrustingOurCa, p3, "--roles", "agent", "--seed", $"127.0.0.1:{p1}");
        var refusal = await node1.WaitForLineAsync("TLS: refused .*certificate \"CN=intruder, O=Supervisor\"", Wait);
        Assert.Contains("is not trusted: not issued by the trusted CA", refusal);
        await intruder.WaitForLineAsync("Couldn't join seed nodes after \\[2\\] attempts", Wait);
        Assert.Equal(0, node1.Count($"127.0.0.1:{p3} \\[.*\\] is joining"));
        Assert.Equal(0, node1.Count("TLS: refused .*CN=node2")); // the good node was never refused
        Assert.False(node2.HasExited);
    }
}
