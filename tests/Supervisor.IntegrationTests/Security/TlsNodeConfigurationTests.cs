namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// In-process: with supervisor.tls on, every address is akka.ssl.tcp (the node's own, --seed shorthand, validate's
/// summary), a seed in the other scheme is refused by name, and the shipped production example validates once its
/// certificate paths point at real files.
/// </summary>
public sealed class TlsNodeConfigurationTests(TestCerts certs, ITestOutputHelper output) : ScenarioTest, IClassFixture<TestCerts>
{
    private string UserFile(bool tls, string akka = "") =>
        Scenario.WriteNodeConfig("node.conf", inSupervisor: tls ? certs.TlsSection("node1") : "", after: akka);

    [Theory]
    [InlineData("127.0.0.1:4053", false, "akka.tcp://supervisor@127.0.0.1:4053")]
    [InlineData("127.0.0.1:4053", true, "akka.ssl.tcp://supervisor@127.0.0.1:4053")]
    [InlineData("hv-2:5000", true, "akka.ssl.tcp://supervisor@hv-2:5000")]
    [InlineData("akka.tcp://supervisor@10.0.0.7:4053", true, "akka.tcp://supervisor@10.0.0.7:4053")]
    public void ExpandSeed_should_use_the_tls_scheme_for_host_port_when_tls_is_on(string seed, bool tls, string expected) =>
        Assert.Equal(expected, NodeConfigurationBuilder.ExpandSeed(seed, tls));

    [Fact]
    public void Build_should_make_every_address_akka_ssl_tcp_and_switch_the_transport_when_tls_is_on()
    {
        var result = NodeConfigurationBuilder.Build(new NodeOptions(UserFile(tls: true), Port: 4100, Seeds: ["127.0.0.1:4100", "10.0.0.2:4053"]));
        Assert.True(result.Node is not null, string.Join("; ", result.Errors));
        var node = result.Node!;
        Assert.Equal("akka.ssl.tcp://supervisor@127.0.0.1:4100", node.Address);
        Assert.Equal(["akka.ssl.tcp://supervisor@127.0.0.1:4100", "akka.ssl.tcp://supervisor@10.0.0.2:4053"], node.Seeds);
        Assert.True(node.Akka.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.True(node.Settings.Tls.Enabled);

        var plain = NodeConfigurationBuilder.Build(new NodeOptions(UserFile(tls: false))).Node!;
        Assert.Equal("akka.tcp://supervisor@127.0.0.1:4053", plain.Address);
        Assert.False(plain.Akka.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
    }

    [Theory]
    [InlineData(true, "akka.tcp://supervisor@127.0.0.1:4053",
        "akka.cluster.seed-nodes[1]: \"akka.tcp://supervisor@127.0.0.1:4053\" uses akka.tcp:// but supervisor.tls.enabled = on, so nodes are akka.ssl.tcp://supervisor@127.0.0.1:4053")]
    [InlineData(false, "akka.ssl.tcp://supervisor@127.0.0.1:4053",
        "akka.cluster.seed-nodes[1]: \"akka.ssl.tcp://supervisor@127.0.0.1:4053\" uses akka.ssl.tcp:// but supervisor.tls.enabled = off, so nodes are akka.tcp://supervisor@127.0.0.1:4053 (akka.ssl.tcp needs supervisor.tls { enabled = on, … })")]
    public void Build_should_refuse_a_seed_whose_scheme_contradicts_tls_and_name_it(bool tls, string badSeed, string expected)
    {
        // A loopback seed: plaintext on a network would be a second error (PlaintextOnNetworkTests), not the one under test.
        var good = $"{TlsConfiguration.Scheme(tls)}://supervisor@127.0.0.5:4053";
        var result = NodeConfigurationBuilder.Build(new NodeOptions(UserFile(tls, $"akka.cluster.seed-nodes = [\"{good}\", \"{badSeed}\"]")));
        Assert.Null(result.Node);
        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Build_should_refuse_akkas_own_ssl_switch_without_supervisor_tls()
    {
        var result = NodeConfigurationBuilder.Build(new NodeOptions(UserFile(tls: false, "akka.remote.dot-netty.tcp.enable-ssl = on")));
        Assert.Null(result.Node);
        Assert.StartsWith("akka.remote.dot-netty.tcp.enable-ssl: is on but supervisor.tls.enabled is off", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Validate_should_pass_the_production_tls_example_when_its_files_exist()
    {
        // The example points at /etc/supervisor/...; rewrite those paths to generated certificates and a password file.
        Scenario.WriteConfig("nut-password", "upsmon-secret\n");
        var text = File.ReadAllText(RepoPaths.Example("production-tls.conf"))
            .Replace("/etc/supervisor/tls/node.pfx.pw", certs.PasswordFile)
            .Replace("/etc/supervisor/tls/node.pfx", certs.File("node1.pfx"))
            .Replace("/etc/supervisor/tls/ca.crt", certs.File("ca.crt"))
            .Replace("/etc/supervisor/upsd-ca.pem", certs.File("other-ca.crt")) // any CA certificate: validate only opens it
            .Replace("/etc/supervisor/nut-password", Path.Combine(Scenario.Dir, "nut-password"))
            .Replace("/var/lib/supervisor/data", Path.Combine(Scenario.Dir, "data"));
        Assert.DoesNotContain("\"/etc/supervisor", text);
        var file = Scenario.WriteConfig("production-tls.conf", text);

        var (exit, printed) = ValidateCli.Run(file, output);
        Assert.Equal(0, exit);
        Assert.Contains("TLS: on (mutual); certificate " + certs.File("node1.pfx") + " (CN=supervisor-node1, O=Supervisor Test, expires ", printed);
        Assert.Contains("Node: akka.ssl.tcp://supervisor@10.0.0.1:4053, roles [supervisor, agent], seeds [akka.ssl.tcp://supervisor@10.0.0.1:4053, akka.ssl.tcp://supervisor@10.0.0.2:4053]", printed);
        Assert.DoesNotContain("error", printed);
        Assert.DoesNotContain("warning: supervisor.tls", printed); // the only warnings: steps for hv-2's and nas's agents, checked on those hosts
        Assert.DoesNotContain("warning: supervisor.devices", printed);
        Assert.Contains($"ups-a@10.0.0.10:3493 (user upsmon, password set), STARTTLS (verified against {certs.File("other-ca.crt")})", printed);
        Assert.DoesNotContain(TestCerts.Password, printed);
        Assert.DoesNotContain("upsmon-secret", printed);
    }
}
