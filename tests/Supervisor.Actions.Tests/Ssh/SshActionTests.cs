using System.Diagnostics;
using Supervisor.Tests.RealServers;

namespace Supervisor.Actions.Tests.Ssh;

/// <summary>type = ssh against a real sshd on a loopback port (one per class), with a test key; nothing is shut down.</summary>
public sealed class SshActionTests(SshServer sshd) : IClassFixture<SshServer>
{
    private SshSpec Spec(string command = "echo hello; echo oops >&2", string? key = null, string? hostKey = null, bool knownHosts = false, int? port = null) =>
        new(sshd.Host, port ?? sshd.Port, sshd.User, key ?? sshd.ClientKey, knownHosts ? sshd.KnownHostsFile : null,
            knownHosts ? null : hostKey ?? sshd.HostKeyFingerprint, command);

    private static Task<ActionOutcome> Act(SshSpec spec, double timeoutSeconds = 10) =>
        ShutdownActionFactory.Create(spec).RunAsync(Run(spec, timeoutSeconds), CancellationToken.None);

    private static Task<ActionOutcome> Probe(SshSpec spec) =>
        ShutdownActionFactory.Create(spec).ProbeAsync(Run(spec, 10), CancellationToken.None);

    private static ActionRun Run(SshSpec spec, double timeoutSeconds) =>
        new(new AgentAction("remote", spec, TimeSpan.FromSeconds(timeoutSeconds)), TimeProvider.System);

    [Fact]
    public async Task The_command_runs_and_its_output_comes_back()
    {
        var o = await Act(Spec());
        Assert.True(o.Succeeded, o.Output + "\n" + sshd.Log());
        Assert.Equal(0, o.ExitCode);
        Assert.Contains("hello", o.Output);
        Assert.Contains("oops", o.Output);
        var target = Assert.Single(o.Targets);
        Assert.Equal($"127.0.0.1:{sshd.Port}", target.Target);
        Assert.True(target.Succeeded);
    }

    [Fact]
    public async Task A_known_hosts_file_pins_the_host_key_as_well()
    {
        var o = await Act(Spec(command: "echo pinned", knownHosts: true));
        Assert.True(o.Succeeded, o.Output);
        Assert.Contains("pinned", o.Output);
    }

    [Fact]
    public async Task Only_the_last_2000_characters_of_the_output_come_back()
    {
        var o = await Act(Spec(command: "seq 1 5000"));
        Assert.True(o.Succeeded, o.Output);
        Assert.True(o.Output.Length <= 2000, $"{o.Output.Length} chars");
        Assert.EndsWith("5000", o.Output);
    }

    [Fact]
    public async Task A_non_zero_exit_fails_with_the_exit_status()
    {
        var o = await Act(Spec(command: "echo bad >&2; exit 3"));
        Assert.False(o.Succeeded);
        Assert.Equal(3, o.ExitCode);
        Assert.Contains("bad", o.Output);
        Assert.False(Assert.Single(o.Targets).Succeeded);
    }

    [Fact]
    public async Task A_wrong_host_key_is_refused_with_the_servers_fingerprint_and_the_fix()
    {
        var marker = Path.Combine(sshd.Directory, "must-not-exist");
        var o = await Act(Spec(command: $"touch {marker}", hostKey: "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"));
        Assert.False(o.Succeeded);
        Assert.Contains(sshd.HostKeyFingerprint, o.Output);
        Assert.Contains("CHANGED", o.Output);
        Assert.Contains($"host-key = \"{sshd.HostKeyFingerprint}\"", o.Output);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_host_missing_from_known_hosts_is_refused_as_unknown_with_its_fingerprint()
    {
        var other = Path.Combine(sshd.Directory, "known_hosts_other");
        var pub = File.ReadAllText(await sshd.NewKeyAsync("other-host") + ".pub").Split(' ');
        File.WriteAllText(other, $"[127.0.0.1]:1 {pub[0]} {pub[1]}\n");
        var o = await Act(Spec() with { KnownHostsFile = other, HostKey = null });
        Assert.False(o.Succeeded);
        Assert.Contains("unknown key", o.Output);
        Assert.Contains(sshd.HostKeyFingerprint, o.Output);
        Assert.Contains("ssh-keyscan", o.Output);
    }

    [Fact]
    public async Task A_client_key_sshd_does_not_know_is_refused_naming_the_user_and_key()
    {
        var wrong = await sshd.NewKeyAsync("stranger");
        var o = await Act(Spec(key: wrong));
        Assert.False(o.Succeeded);
        Assert.Contains($"refused the key {wrong} for user \"{sshd.User}\"", o.Output);
        Assert.Contains("authorized_keys", o.Output);
    }

    [Fact]
    public async Task A_missing_key_file_is_named_with_the_fix()
    {
        var o = await Act(Spec(key: "/nonexistent/key"));
        Assert.False(o.Succeeded);
        Assert.Contains("key file /nonexistent/key does not exist", o.Output);
    }

    [Fact]
    public async Task Nothing_listening_gives_a_clear_error_naming_host_and_port_quickly()
    {
        var port = LoopbackPort.Free();
        var watch = Stopwatch.StartNew();
        var o = await Act(Spec(port: port), timeoutSeconds: 30);
        Assert.False(o.Succeeded);
        Assert.Contains($"connection refused by 127.0.0.1:{port}", o.Output);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_host_that_accepts_but_never_speaks_SSH_times_out_naming_host_and_port()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var watch = Stopwatch.StartNew();
        var o = await Act(Spec(port: port), timeoutSeconds: 1.5);
        Assert.False(o.Succeeded);
        Assert.Contains($"timed out after 1.5s connecting to 127.0.0.1:{port}", o.Output);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_command_past_the_timeout_fails_with_timed_out()
    {
        var watch = Stopwatch.StartNew();
        var o = await Act(Spec(command: "sleep 30"), timeoutSeconds: 2);
        Assert.False(o.Succeeded);
        Assert.Contains("timed out after 2s running \"sleep 30\"", o.Output);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_probe_connects_and_authenticates_but_runs_nothing()
    {
        var marker = Path.Combine(sshd.Directory, "probe-ran");
        var o = await Probe(Spec(command: $"touch {marker}"));
        Assert.True(o.Succeeded, o.Output);
        Assert.StartsWith("dry-run:", o.Output);
        Assert.Contains($"would run: touch {marker}", o.Output);
        await Task.Delay(200);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task The_probe_fails_on_a_wrong_host_key()
    {
        var o = await Probe(Spec(hostKey: "SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og"));
        Assert.False(o.Succeeded);
        Assert.StartsWith("dry-run:", o.Output);
        Assert.Contains(sshd.HostKeyFingerprint, o.Output);
    }
}
