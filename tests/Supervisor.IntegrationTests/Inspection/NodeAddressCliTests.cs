using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Supervisor.IntegrationTests.Inspection;

/// <summary>
/// The inspection CLI (a real `supervisor status` process) given a malformed --node, or pointed at a TCP server that is
/// not an Akka node: a clear message and exit 2 (docs/cli.md), never a stack trace, never "Nullable object must have a
/// value", and no blaming mutual TLS for a port that simply belongs to something else.
/// </summary>
public sealed class NodeAddressCliTests(ITestOutputHelper output)
{
    private async Task<CliProcess.Result> Status(string node)
    {
        var r = await CliProcess.RunAsync("status", "--node", node);
        output.WriteLine($"--node {node}: exit {r.ExitCode} after {r.Took.TotalSeconds:0.0}s\n{r.Stdout}{r.Stderr}");
        return r;
    }

    private static void AssertNoTrace(CliProcess.Result r)
    {
        var all = r.Stdout + r.Stderr;
        foreach (var bad in new[] { "   at ", "Exception", "DotNetty", "Nullable object" })
            Assert.DoesNotContain(bad, all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("akka.tcp://supervisor", "no supervisor@host:port after the scheme")]
    [InlineData("akka.tcp://supervisor@", "the host and port are missing")]
    [InlineData("foo://bar@baz:1", "the scheme foo:// is neither akka.tcp nor akka.ssl.tcp")]
    [InlineData("akka.tcp://other@127.0.0.1:4053", "names actor system \"other\"")]
    [InlineData("127.0.0.1", "expected host:port")]
    [InlineData("127.0.0.1:99999", "99999 is not a TCP port")]
    [InlineData("host name:4053", "expected host:port")]
    public async Task Status_should_exit_2_with_the_accepted_forms_when_the_node_address_is_malformed(string node, string why)
    {
        var r = await Status(node);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(why, r.Stderr);
        Assert.Contains("write host:port (e.g. 127.0.0.1:4053, [::1]:4053) or akka.tcp://supervisor@host:port", r.Stderr);
        Assert.DoesNotContain("TLS address", r.Stderr);
        AssertNoTrace(r);
    }

    /// <summary>A loopback TCP server that is no Akka node: it answers each line like upsd, greets, or hangs up at once.</summary>
    private static async Task<CliProcess.Result> AgainstServer(string behaviour, Func<string, Task<CliProcess.Result>> run)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    _ = Task.Run(async () =>
                    {
                        using var _ = client;
                        var stream = client.GetStream();
                        if (behaviour == "closes") return;
                        if (behaviour == "greets") await stream.WriteAsync("SSH-2.0-OpenSSH_9.6\r\n"u8.ToArray(), stop.Token);
                        var buffer = new byte[4096];
                        while (await stream.ReadAsync(buffer, stop.Token) is > 0 and var n)
                            if (Array.IndexOf(buffer, (byte)'\n', 0, n) >= 0) await stream.WriteAsync(Encoding.ASCII.GetBytes("ERR UNKNOWN-COMMAND\n"), stop.Token);
                    });
                }
            }
            catch (Exception) when (stop.IsCancellationRequested) { }
        });
        try { return await run($"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"); }
        finally
        {
            stop.Cancel();
            listener.Stop();
            await serving;
        }
    }

    [Theory]
    [InlineData("answers like upsd", "it answers what no Akka node would (\"ERR UNKNOWN-COMMAND\")")]
    [InlineData("greets", "it speaks first (\"SSH-2.0-OpenSSH_9.6\")")]
    [InlineData("closes", "it closes the connection before anything is said")]
    public async Task Status_should_say_not_a_supervisor_node_and_exit_2_when_the_port_is_another_server(string behaviour, string what)
    {
        var r = await AgainstServer(behaviour, Status);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is not a Supervisor node: " + what, r.Stderr);
        Assert.DoesNotContain("TLS", r.Stderr);
        Assert.True(r.Took < TimeSpan.FromSeconds(15), $"took {r.Took}");
        AssertNoTrace(r);
    }
}
