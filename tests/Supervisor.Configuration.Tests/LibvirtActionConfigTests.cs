using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public sealed class LibvirtActionConfigTests
{
    private static string With(string action) => Base + $"\nsupervisor.agent.actions.stop-vms {{ {action} }}";

    private static (LibvirtSpec Spec, AgentAction Action) Read(string action)
    {
        var a = LoadValid(With(action)).Agent!.FindAction("stop-vms")!;
        return ((LibvirtSpec)a.Spec, a);
    }

    [Fact]
    public void A_libvirt_action_takes_its_defaults_from_reference_conf()
    {
        var (spec, action) = Read("type = libvirt");
        Assert.Equal(new LibvirtSpec("qemu:///system", [], null, TimeSpan.FromSeconds(2)), spec with { Domains = [] });
        Assert.Empty(spec.Domains);
        Assert.Equal(TimeSpan.FromSeconds(60), action.Timeout);
        Assert.Equal("libvirt qemu:///system: shut down every running domain", spec.Describe());
    }

    [Fact]
    public void Every_libvirt_key_is_read()
    {
        var (spec, _) = Read("type = libvirt, uri = \"qemu+ssh://root@hv-1/system\", domains = [vm-1, \"my vm\"], force-after = 30s, poll-every = 500ms, timeout = 90s");
        Assert.Equal("qemu+ssh://root@hv-1/system", spec.Uri);
        Assert.Equal(["vm-1", "my vm"], spec.Domains);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.ForceAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(500), spec.PollEvery);
        Assert.Equal("libvirt qemu+ssh://root@hv-1/system: shut down vm-1, my vm, destroy after 30s", spec.Describe());
    }

    [Fact]
    public void Libvirt_defaults_can_be_changed_for_every_libvirt_action()
    {
        var settings = LoadValid(With("type = libvirt") + "\nsupervisor.defaults.actions.libvirt { uri = \"test:///default\", force-after = 20s }");
        var spec = (LibvirtSpec)settings.Agent!.FindAction("stop-vms")!.Spec;
        Assert.Equal("test:///default", spec.Uri);
        Assert.Equal(TimeSpan.FromSeconds(20), spec.ForceAfter);
    }

    [Fact]
    public void A_force_after_not_shorter_than_the_timeout_is_warned_about() =>
        AssertOnlyWarning(With("type = libvirt, force-after = 45s, timeout = 45s"), "supervisor.agent.actions.stop-vms.force-after",
            "45s is not shorter than the action's timeout (45s), so nothing is ever destroyed; lower force-after or raise timeout");

    [Fact]
    public void A_force_after_below_the_timeout_warns_about_nothing() =>
        Assert.Empty(Load(With("type = libvirt, force-after = 30s")).Warnings);

    [Fact]
    public void An_unknown_libvirt_key_is_warned_about() =>
        AssertWarned(With("type = libvirt, domain = [vm-1]"), "supervisor.agent.actions.stop-vms.domain");

    [Fact]
    public void The_worked_example_in_docs_actions_md_loads_with_no_error_or_warning() =>
        ActionDocsExamples.AssertLoadsCleanly("libvirt");
}
