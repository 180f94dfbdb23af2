using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// Mistakes that used to get past the config checks and end in a stack trace from deep inside Akka at start-up
/// (a bad log level, an address this machine does not have, a port already taken, a substitution cycle). Each is
/// now refused by the real `supervisor` process with the key and the fix, exit 1 and no trace.
/// </summary>
public sealed class StartupRefusalTests(ITestOutputHelper output) : ScenarioTest
{
    private string Config(string extra = "") => Scenario.WriteNodeConfig("node.conf",
        inSupervisor: Hocon.SimulatedRack + "\nagent { host = hv-1, actions { sync { command = [\"sync\"] } } }", after: extra);

    private async Task<CliProcess.Result> Supervisor(params string[] args)
    {
        var r = await CliProcess.RunAsync(args);
        output.WriteLine($"exit {r.ExitCode} after {r.Took.TotalSeconds:0.0}s\n--- stdout\n{r.Stdout}\n--- stderr\n{r.Stderr}");
        return r;
    }

    private static void AssertNoTrace(CliProcess.Result r)
    {
        var all = r.Stdout + r.Stderr;
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to start", all, StringComparison.Ordinal);
    }

    /// <summary>A documentation address (TEST-NET-3) that no interface of this machine has: binding to it fails, nothing is sent.</summary>
    private static string ForeignAddress()
    {
        var local = NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address).ToHashSet();
        return Enumerable.Range(10, 200).Select(i => IPAddress.Parse($"203.0.113.{i}")).First(a => !local.Contains(a)).ToString();
    }

    [Fact]
    public async Task Validate_should_name_akka_loglevel_when_it_is_not_a_log_level()
    {
        var r = await Supervisor("validate", Config("akka.loglevel = LOUD"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error: akka.loglevel: \"LOUD\" is not a log level; use one of DEBUG, INFO, WARNING, ERROR, OFF", r.Stdout);
        AssertNoTrace(r);
    }

    [Fact]
    public async Task Run_should_refuse_with_the_hostname_key_when_the_address_is_not_this_machines()
    {
        var address = ForeignAddress();
        // A foreign address is a network address: accept plaintext so the address check, not the TLS rule, speaks.
        var r = await Supervisor("run", "--config", Config("supervisor.tls.allow-plaintext = on"), "--port", LoopbackPort.Free().ToString(), "--hostname", address);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"error: akka.remote.dot-netty.tcp.hostname: \"{address}\" is not an address of this machine", r.Stderr);
        Assert.Contains("127.0.0.1", r.Stderr); // the addresses it could use
        Assert.Contains("not starting", r.Stderr);
        AssertNoTrace(r);
    }

    [Fact]
    public async Task Run_should_refuse_with_the_port_key_when_another_program_listens_there()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        var r = await Supervisor("run", "--config", Config(), "--port", port.ToString(), "--hostname", "127.0.0.1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"error: akka.remote.dot-netty.tcp.port: {port} is already in use on 127.0.0.1", r.Stderr);
        AssertNoTrace(r);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public async Task Command_should_report_the_cycle_instead_of_overflowing_the_stack_when_substitutions_refer_to_each_other(string command)
    {
        var config = Config("supervisor.devices.ups-a { poll-interval = ${supervisor.devices.ups-a.timeout}, timeout = ${supervisor.devices.ups-a.poll-interval} }");
        var r = command == "run"
            ? await Supervisor("run", "--config", config, "--port", LoopbackPort.Free().ToString())
            : await Supervisor("validate", config);
        Assert.Equal(1, r.ExitCode); // not 134 (SIGABRT after a stack overflow)
        Assert.Contains("error: supervisor.devices.ups-a.poll-interval: substitution cycle", r.Stdout + r.Stderr);
        AssertNoTrace(r);
    }
}
