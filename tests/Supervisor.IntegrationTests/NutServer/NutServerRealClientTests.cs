using System.Diagnostics;
using Xunit.Abstractions;

namespace Supervisor.IntegrationTests.NutServer;

/// <summary>
/// The NUT facade with NUT's own clients against a real node (the demo config, outage brought forward, power back later):
/// <c>upsc</c> sees the group as a virtual UPS, OL, then OB, then FSD once the saga starts, then FSD cleared after the
/// re-arm; a real <c>upsmon</c> secondary logged into the facade runs its SHUTDOWNCMD (a marker file) because of the saga.
/// </summary>
public sealed class NutServerRealClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "nas-secret-pw";
    private readonly Scenario _scenario = new();
    private readonly int _port = LoopbackPort.Free();
    private InProcessNode _node = null!;

    public async Task InitializeAsync()
    {
        var passwordFile = Path.Combine(_scenario.Dir, "nut-password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        // Outage at 12 s, both members critical 3 s later (quorum lost: the saga starts), mains back 20 s after the outage.
        var extra = $$"""
            supervisor.devices.ups-a { outage-at = 12s, restore-after = 20s, triggers.on-battery = 3s }
            supervisor.devices.ups-b { outage-at = 12s, restore-after = 20s, triggers.on-battery = 3s }
            supervisor.http.enabled = off
            supervisor.nut-server {
              enabled = on
              listen = "127.0.0.1:{{_port}}"
              expose-devices = on
              users.nas { password = "file:{{passwordFile}}", role = secondary }
            }
            """;
        var config = _scenario.WriteConfig("nut.conf", BuiltInConfig.DemoText + "\n" + extra + "\n");
        _node = await InProcessNode.StartAsync("nut", new NodeOptions(config, Port: LoopbackPort.Free(), DataDir: Path.Combine(_scenario.Dir, "data")), output);
    }

    public async Task DisposeAsync()
    {
        await _node.StopAsync();
        _scenario.Dispose();
    }

    [Fact]
    public async Task Upsc_and_a_real_upsmon_secondary_should_follow_the_group_from_ol_through_ob_and_fsd_back_to_ol()
    {
        var list = await Until(() => Upsc("-l", $"127.0.0.1:{_port}"), o => o.Contains("rack-a"), TimeSpan.FromSeconds(30));
        Assert.Equal(["rack-a", "ups-a", "ups-b"], list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // Before the outage: on line, with the members' charge read.
        var all = await Until(() => Upsc($"rack-a@127.0.0.1:{_port}"), o => o.Contains("battery.charge: 100"), TimeSpan.FromSeconds(30));
        Assert.Contains("ups.status: OL", all);
        Assert.Contains("device.model: Redundancy group rack-a", all);

        using var upsmon = UpsmonSecondary.Start("rack-a", "127.0.0.1", _port, "nas", Password);
        await Until(() => Ask("GET NUMLOGINS rack-a"), o => o == "NUMLOGINS rack-a 1", TimeSpan.FromSeconds(20), upsmon.Log);
        Assert.False(upsmon.ShutdownRan, "upsmon shut down while the group was on line:\n" + upsmon.Log());

        await Until(() => Status(), s => s.StartsWith("OB", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        Assert.False(upsmon.ShutdownRan, "upsmon shut down on OB alone, before the saga:\n" + upsmon.Log());

        var fsd = await Until(() => Status(), s => s.StartsWith("FSD", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        output.WriteLine($"saga started: ups.status {fsd}");
        Assert.Contains(_node.Lines, l => l.Message.Contains("saga", StringComparison.OrdinalIgnoreCase));
        await Until(() => Task.FromResult(upsmon.ShutdownRan), ran => ran, TimeSpan.FromSeconds(20), upsmon.Log);

        // Mains returns at 32 s, the group re-arms 5 s after quorum holds again: FSD clears (upsd would keep it).
        await Until(() => Status(), s => s == "OL", TimeSpan.FromSeconds(60));
    }

    private Task<string> Status() => Upsc($"rack-a@127.0.0.1:{_port}", "ups.status");

    /// <summary>One request over a raw connection (upsc has no NUMLOGINS).</summary>
    private async Task<string> Ask(string line)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", _port);
        using var reader = new StreamReader(tcp.GetStream());
        await tcp.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(line + "\n"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadLineAsync(cts.Token) ?? "(closed)";
    }

    private static async Task<string> Upsc(params string[] args)
    {
        var start = new ProcessStartInfo("upsc", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await p.WaitForExitAsync(cts.Token);
        var text = (await stdout).Trim();
        return p.ExitCode == 0 ? text : $"exit {p.ExitCode}: {text} {(await stderr).Trim()}";
    }

    private async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan within, Func<string>? more = null)
    {
        var until = DateTime.UtcNow + within;
        T last;
        while (!done(last = await ask()))
        {
            if (DateTime.UtcNow > until)
                throw new Xunit.Sdk.XunitException($"not within {within.TotalSeconds}s; last answer: {last}\n{more?.Invoke()}\nnode log:\n{_node.Tail()}");
            await Task.Delay(200);
        }
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {last}");
        return last;
    }
}
