using System.Net;
using System.Net.Sockets;
using Supervisor.Domain.Http;

namespace Supervisor.IntegrationTests.Http;

/// <summary>The HTTP API's start-up refusals and the key-making verb, without a running cluster.</summary>
public sealed class HttpStartupTests : IDisposable
{
    private readonly Scenario _scenario = new();

    [Fact]
    public void Node_should_refuse_to_start_with_an_error_naming_http_listen_when_the_port_is_in_use()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var config = _scenario.WriteNodeConfig("taken.conf", "http { enabled = on }");
        var options = new NodeOptions(config, Port: LoopbackPort.Free()) { HttpListen = $"127.0.0.1:{port}" };
        var node = NodeConfigurationBuilder.Build(options).Node!;

        var refusal = Assert.Throws<NodeStartupException>(() => SupervisorNodeHost.Build(node, options));

        var error = Assert.Single(refusal.Errors);
        Assert.Equal("supervisor.http.listen", error.Path);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", error.Message);
        Assert.Contains("ss -ltnp", error.Message);
    }

    [Fact]
    public void Config_should_be_refused_naming_http_listen_when_it_binds_the_network_without_a_key()
    {
        var config = _scenario.WriteNodeConfig("open.conf", "http { enabled = on, listen = \"0.0.0.0:8080\" }");
        var result = NodeConfigurationBuilder.Build(new NodeOptions(config, Port: LoopbackPort.Free()));
        var error = Assert.Single(result.Errors, e => e.Path == "supervisor.http.listen");
        Assert.Contains("supervisor http new-key", error.Message);
    }

    [Fact]
    public void New_key_should_print_a_key_once_and_a_config_line_that_holds_only_its_hash()
    {
        var output = new StringWriter();
        Assert.Equal(0, HttpCommands.Print("grafana", "operator", output, TextWriter.Null));
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        var key = lines.Single(l => l.Length == 43 && !l.Contains(' '));
        var configLine = lines.Single(l => l.StartsWith("supervisor.http.api-keys.grafana", StringComparison.Ordinal));
        Assert.DoesNotContain(key, configLine);

        // The printed line is valid config, and the key it was printed with is the one that matches it.
        var config = _scenario.WriteNodeConfig("keyed.conf", after: configLine);
        var http = NodeConfigurationBuilder.Build(new NodeOptions(config, Port: LoopbackPort.Free())).Node!.Settings.Http;
        var configured = Assert.Single(http.ApiKeys);
        Assert.Equal(ApiRole.Operator, configured.Role);
        Assert.Same(configured, ApiKeyHash.Match(key, http.ApiKeys, k => k.Hash));
    }

    [Theory]
    [InlineData("no spaces", "operator", "--name")]
    [InlineData("grafana", "root", "--role")]
    public void New_key_should_refuse_a_bad_name_or_role_with_exit_2(string name, string role, string named)
    {
        var errors = new StringWriter();
        Assert.Equal(2, HttpCommands.Print(name, role, TextWriter.Null, errors));
        Assert.Contains(named, errors.ToString());
    }

    public void Dispose() => _scenario.Dispose();
}
