using Supervisor.Actions.Libvirt;

namespace Supervisor.Actions.Tests.Libvirt;

/// <summary>The libvirt action against real virsh and libvirt's test driver (no daemon, nothing real shut down).</summary>
public sealed class LibvirtActionTests
{
    private static LibvirtSpec Spec(string uri, string[]? domains = null, double? forceAfter = null) =>
        new(uri, domains ?? [], forceAfter is { } f ? TimeSpan.FromSeconds(f) : null, TimeSpan.FromMilliseconds(100));

    private static ActionRun Run(LibvirtSpec spec, double timeoutSeconds = 20) =>
        new(new AgentAction("stop-vms", spec, TimeSpan.FromSeconds(timeoutSeconds)), TimeProvider.System);

    private static Task<ActionOutcome> Act(LibvirtSpec spec, IVirsh? session = null, double timeoutSeconds = 20) =>
        (session is null ? ShutdownActionFactory.Create(spec) : new LibvirtAction(spec, _ => session)).RunAsync(Run(spec, timeoutSeconds), CancellationToken.None);

    private static Task<ActionOutcome> Probe(LibvirtSpec spec, IVirsh? session = null) =>
        (session is null ? ShutdownActionFactory.Create(spec) : new LibvirtAction(spec, _ => session)).ProbeAsync(Run(spec), CancellationToken.None);

    [Fact]
    public async Task The_default_test_domain_is_shut_down_and_confirmed_off()
    {
        var o = await Act(Spec("test:///default"));
        Assert.True(o.Succeeded, o.Output);
        var t = Assert.Single(o.Targets);
        Assert.Equal("test", t.Target);
        Assert.StartsWith("shut off after ", t.Detail);
        Assert.Equal("1 of 1 domain off", o.Output);
    }

    [Fact]
    public async Task Every_running_domain_is_shut_down_when_none_are_listed_and_stays_off()
    {
        using var node = new VirshTestNode(("vm-a", true), ("my vm", true), ("vm-off", false));
        var session = node.Open();
        try
        {
            var o = await Act(Spec(node.Uri), session);
            Assert.True(o.Succeeded, o.Output);
            Assert.Equal(["vm-a", "my vm"], o.Targets.Select(t => t.Target));
            Assert.All(o.Targets, t => Assert.StartsWith("shut off after", t.Detail));
            Assert.Equal("shut off", await session.StateOf("vm-a"));
            Assert.Equal("shut off", await session.StateOf("my vm"));
            Assert.DoesNotContain(session.Sent, c => c.Contains("vm-off"));
        }
        finally { await session.CloseAsync(); }
    }

    [Fact]
    public async Task A_listed_domain_that_does_not_exist_is_a_failed_target_with_the_fix_and_the_others_still_go_down()
    {
        using var node = new VirshTestNode(("vm-a", true), ("vm-b", false));
        var o = await Act(Spec(node.Uri, ["vm-a", "vm-b", "nope"]));
        Assert.False(o.Succeeded);
        Assert.StartsWith("shut off after", o.Targets[0].Detail);
        Assert.Equal("vm-b: already shut off", o.Targets[1].ToString());
        Assert.Equal($"nope: FAILED, no such domain on {node.Uri}; check the name with virsh -c {node.Uri} list --all, or remove it from domains", o.Targets[2].ToString());
        Assert.StartsWith("2 of 3 domains off; nope: FAILED, no such domain", o.Output);
    }

    [Fact]
    public async Task A_guest_that_ignores_shutdown_is_destroyed_at_force_after_and_confirmed_off()
    {
        using var node = new VirshTestNode(("vm-ok", true), ("vm-deaf", true));
        var session = node.Open().Deaf("vm-deaf");
        try
        {
            var o = await Act(Spec(node.Uri, forceAfter: 1), session);
            Assert.True(o.Succeeded, o.Output);
            Assert.StartsWith("shut off after", o.Targets[0].Detail);
            Assert.StartsWith("destroyed after force-after 1s, off at 1", o.Targets[1].Detail);
            Assert.Equal("shut off", await session.StateOf("vm-deaf"));
            Assert.Contains("destroy 'vm-deaf'", session.Sent);
            Assert.DoesNotContain("destroy 'vm-ok'", session.Sent);
        }
        finally { await session.CloseAsync(); }
    }

    [Fact]
    public async Task A_guest_that_ignores_shutdown_without_force_after_is_still_running_at_the_timeout_and_fails()
    {
        using var node = new VirshTestNode(("vm-deaf", true));
        var session = node.Open().Deaf("vm-deaf");
        try
        {
            var started = DateTime.UtcNow;
            var o = await Act(Spec(node.Uri), session, timeoutSeconds: 2);
            Assert.False(o.Succeeded);
            var detail = Assert.Single(o.Targets).Detail;
            Assert.StartsWith("still running at timeout 2s", detail);
            Assert.EndsWith("set force-after to destroy what ignores shutdown, or raise timeout", detail);
            // It waits until the last look before the timeout (the last poll's answer must fit inside it), not less.
            var lastLook = Supervisor.Domain.Agents.Actions.DomainShutdownPolicy.LastLookFor(TimeSpan.FromSeconds(2));
            Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(2) - lastLook, TimeSpan.FromSeconds(10));
            Assert.Equal("running", await session.StateOf("vm-deaf"));
            Assert.DoesNotContain(session.Sent, c => c.StartsWith("destroy", StringComparison.Ordinal));
        }
        finally { await session.CloseAsync(); }
    }

    [Fact]
    public async Task A_uri_that_does_not_connect_fails_naming_it_and_virshs_reason()
    {
        var o = await Act(Spec("test:///nonexistent/supervisor-node.xml"));
        Assert.False(o.Succeeded);
        Assert.Empty(o.Targets);
        Assert.StartsWith("virsh could not use test:///nonexistent/supervisor-node.xml: ", o.Output);
        Assert.Contains("failed to connect to the hypervisor", o.Output);
        Assert.EndsWith("check uri (virsh -c test:///nonexistent/supervisor-node.xml list) and that libvirtd runs and this user may connect", o.Output);
    }

    [Fact]
    public async Task No_running_domain_is_success_with_nothing_to_do()
    {
        using var node = new VirshTestNode(("vm-off", false));
        var o = await Act(Spec(node.Uri));
        Assert.True(o.Succeeded);
        Assert.Equal($"no running domains on {node.Uri}; nothing to shut down", o.Output);
    }

    [Fact]
    public async Task The_probe_lists_the_running_domains_it_would_shut_down_and_changes_nothing()
    {
        using var node = new VirshTestNode(("vm-a", true), ("vm-off", false));
        var session = node.Open();
        try
        {
            var o = await Probe(Spec(node.Uri, forceAfter: 30), session);
            Assert.True(o.Succeeded, o.Output);
            Assert.Equal($"dry-run: would shut down vm-a on {node.Uri}, destroying what still runs after 30s", o.Output);
            Assert.Equal("vm-a: running; would be shut down", Assert.Single(o.Targets).ToString());
            Assert.Equal("running", await session.StateOf("vm-a"));
        }
        finally { await session.CloseAsync(); }
    }

    [Fact]
    public async Task The_probe_names_listed_domains_that_do_not_exist()
    {
        using var node = new VirshTestNode(("vm-a", true));
        var o = await Probe(Spec(node.Uri, ["vm-a", "vm-typo"]));
        Assert.False(o.Succeeded);
        Assert.Equal($"dry-run: vm-typo not found on {node.Uri}; check the names with virsh -c {node.Uri} list --all", o.Output);
        Assert.True(o.Targets[0].Succeeded);
        Assert.False(o.Targets[1].Succeeded);
    }

    [Fact]
    public async Task The_probe_fails_when_the_uri_does_not_connect()
    {
        var o = await Probe(Spec("test:///nonexistent/supervisor-node.xml"));
        Assert.False(o.Succeeded);
        Assert.StartsWith("dry-run: virsh could not use test:///nonexistent/supervisor-node.xml", o.Output);
    }
}
