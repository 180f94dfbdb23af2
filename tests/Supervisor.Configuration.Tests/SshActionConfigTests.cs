using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>supervisor.agent.actions.&lt;name&gt; { type = ssh }</c>: keys, defaults and the files' base directory.</summary>
public sealed class SshActionConfigTests
{
    private const string Pinned = "host-key = \"SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw\"";

    private static string With(string body) =>
        Base + $"\nsupervisor.agent.actions.nas-off {{ type = ssh, {body} }}";

    private static SshSpec SpecOf(SupervisorSettings s) => (SshSpec)s.Agent!.Actions.Single(a => a.Name == "nas-off").Spec;

    [Fact]
    public void An_ssh_action_is_read_with_port_22_by_default()
    {
        var spec = SpecOf(LoadValid(With($"host = nas-1.lan, user = shutdown, key = \"/etc/supervisor/nas-1\", {Pinned}, command = \"sudo /sbin/poweroff\"")));
        Assert.Equal(new SshSpec("nas-1.lan", 22, "shutdown", "/etc/supervisor/nas-1", null, "SHA256:ikHiXqr2msxT4NKdOXrPuPLTe9/zBui0efkjGb45BQw", "sudo /sbin/poweroff"), spec);
        Assert.Equal("ssh shutdown@nas-1.lan:22: sudo /sbin/poweroff", spec.Describe());
    }

    [Fact]
    public void The_port_and_the_timeout_can_be_set()
    {
        var settings = LoadValid(With($"host = nas-1, port = 2222, user = u, key = \"/k\", {Pinned}, command = x, timeout = 20s"));
        Assert.Equal(2222, SpecOf(settings).Port);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Agent!.Actions.Single(a => a.Name == "nas-off").Timeout);
    }

    [Fact]
    public void Relative_key_and_known_hosts_files_are_read_from_the_config_files_directory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "supervisor-sshcfg-" + Guid.NewGuid().ToString("N")[..8]);
        var result = SupervisorConfigLoader.Load(ConfigurationFactory.ParseString(With("host = nas-1, user = u, key = \"keys/nas-1\", known-hosts = known_hosts, command = x")), dir);
        Assert.Empty(result.Errors);
        var spec = SpecOf(result.Settings!);
        Assert.Equal(Path.Combine(dir, "keys", "nas-1"), spec.KeyFile);
        Assert.Equal(Path.Combine(dir, "known_hosts"), spec.KnownHostsFile);
    }

    [Fact]
    public void An_unknown_key_in_an_ssh_action_is_warned_about() =>
        AssertWarned(With($"host = nas-1, user = u, key = \"/k\", {Pinned}, command = x, password = hunter2"), "supervisor.agent.actions.nas-off.password");

    [Fact]
    public void A_command_list_is_refused_because_the_remote_shell_takes_one_line() =>
        AssertErrorAt(With($"host = nas-1, user = u, key = \"/k\", {Pinned}, command = [\"sudo\", \"poweroff\"]"), "supervisor.agent.actions.nas-off.command", "must be a single value");
}
