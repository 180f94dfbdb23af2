namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// Secure by default on a network: a plaintext node whose address or seeds are not loopback is refused by
/// <c>validate</c> (and so by <c>run</c>, which builds the same config) unless supervisor.tls.allow-plaintext = on,
/// which is a warning naming the key and the risk. Loopback stays plaintext-friendly, and TLS needs no opt-out.
/// </summary>
public sealed class PlaintextOnNetworkTests(TestCerts certs, ITestOutputHelper output) : ScenarioTest, IClassFixture<TestCerts>
{
    private string Config(string akka, string tls = "") => Scenario.WriteNodeConfig("node.conf", inSupervisor: tls, after: akka);

    private (int Exit, string Output) Validate(string file) => ValidateCli.Run(file, output);

    public static TheoryData<string, string> NetworkedConfigs => new()
    {
        { "akka.remote.dot-netty.tcp.hostname = \"10.0.0.1\"", "akka.remote.dot-netty.tcp.hostname = \"10.0.0.1\"" },
        { "akka.remote.dot-netty.tcp.hostname = \"hv-1.example.net\"", "akka.remote.dot-netty.tcp.hostname = \"hv-1.example.net\"" },
        // Binding every interface exposes the port even when the advertised name is loopback.
        { "akka.remote.dot-netty.tcp { hostname = \"0.0.0.0\", public-hostname = \"127.0.0.1\" }", "akka.remote.dot-netty.tcp.hostname = \"0.0.0.0\"" },
        { "akka.remote.dot-netty.tcp.public-hostname = \"10.0.0.9\"", "akka.remote.dot-netty.tcp.public-hostname = \"10.0.0.9\"" },
        // A loopback node joining a remote seed is networked: its link to that seed crosses the network.
        { "akka.cluster.seed-nodes = [\"akka.tcp://supervisor@127.0.0.1:4053\", \"akka.tcp://supervisor@10.0.0.2:4053\"]", "akka.cluster.seed-nodes[1] = \"10.0.0.2\"" },
    };

    [Theory]
    [MemberData(nameof(NetworkedConfigs))]
    public void Validate_should_refuse_plaintext_and_name_the_key_and_the_fix_when_the_node_is_on_a_network(string akka, string exposed)
    {
        var (exit, text) = Validate(Config(akka));

        Assert.Equal(1, exit);
        Assert.Contains($"error: supervisor.tls: mutual TLS is off, but this node is on a network ({exposed}", text);
        Assert.Contains("anyone who reaches a cluster port can join the cluster and have agents run their allow-listed actions, poweroff included", text);
        Assert.Contains("`supervisor certs init`", text);
        Assert.Contains("`supervisor certs issue <node-name> --san <address>`", text);
        Assert.Contains("accept the risk with supervisor.tls.allow-plaintext = on", text);
    }

    [Fact]
    public void Validate_should_pass_with_a_warning_naming_the_key_and_the_risk_when_allow_plaintext_is_on()
    {
        var (exit, text) = Validate(Config("akka.remote.dot-netty.tcp.hostname = \"10.0.0.1\"", "tls.allow-plaintext = on"));

        Assert.Equal(0, exit);
        Assert.Contains("TLS: off (cluster links are plaintext akka.tcp)", text);
        Assert.Contains("warning: supervisor.tls.allow-plaintext: on, so cluster links are PLAINTEXT on a network (akka.remote.dot-netty.tcp.hostname = \"10.0.0.1\"): " +
                        "anyone who reaches a cluster port can join the cluster and have agents run their allow-listed actions, poweroff included", text);
        Assert.DoesNotContain("error", text);
    }

    [Theory]
    [InlineData("")] // cluster.hocon's 127.0.0.1, as the demo runs
    [InlineData("akka.remote.dot-netty.tcp.hostname = \"127.0.0.2\"\nakka.cluster.seed-nodes = [\"akka.tcp://supervisor@127.0.0.1:4053\"]")]
    [InlineData("akka.remote.dot-netty.tcp.hostname = \"localhost\"")]
    [InlineData("akka.remote.dot-netty.tcp.hostname = \"::1\"\nakka.cluster.seed-nodes = [\"akka.tcp://supervisor@[::1]:4053\"]")]
    public void Validate_should_pass_plaintext_without_a_warning_when_every_address_is_loopback(string akka)
    {
        var (exit, text) = Validate(Config(akka));

        Assert.Equal(0, exit);
        Assert.DoesNotContain("supervisor.tls", text);
        Assert.DoesNotContain("PLAINTEXT", text);
    }

    [Fact]
    public void Validate_should_pass_a_networked_node_without_the_opt_out_when_tls_is_on()
    {
        var (exit, text) = Validate(Config("akka.remote.dot-netty.tcp.hostname = \"10.0.0.1\"", certs.TlsSection("node1")));

        Assert.Equal(0, exit);
        Assert.Contains("Node: akka.ssl.tcp://supervisor@10.0.0.1:4053", text);
        Assert.DoesNotContain("allow-plaintext", text);
    }

    [Fact]
    public void Validate_should_warn_that_allow_plaintext_does_nothing_when_tls_is_on()
    {
        var (exit, text) = Validate(Config("", certs.TlsSection("node1").Replace("enabled = on", "enabled = on\n  allow-plaintext = on")));

        Assert.Equal(0, exit);
        Assert.Contains("warning: supervisor.tls.allow-plaintext: on has no effect while enabled = on", text);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("node.localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("localhost.example.net", false)]
    [InlineData("hv-1", false)]
    public void IsLoopback_should_accept_only_loopback_addresses_and_localhost_when_given_a_host(string host, bool loopback) =>
        Assert.Equal(loopback, NetworkExposure.IsLoopback(host));
}
