using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public sealed class UnmountActionConfigTests
{
    private static string With(string action) => Base + $"\nsupervisor.agent.actions.unmount-data {{ {action} }}";

    private static UnmountSpec Read(string action) => (UnmountSpec)LoadValid(With(action)).Agent!.FindAction("unmount-data")!.Spec;

    [Fact]
    public void An_unmount_action_is_not_lazy_by_default()
    {
        var spec = Read("type = unmount, mount-points = [\"/mnt/data\", \"/srv/backup\"]");
        Assert.Equal(["/mnt/data", "/srv/backup"], spec.MountPoints);
        Assert.False(spec.Lazy);
        Assert.Equal("unmount /mnt/data, /srv/backup", spec.Describe());
    }

    [Fact]
    public void Lazy_is_read() =>
        Assert.Equal("unmount /mnt/data (lazy)", Read("type = unmount, mount-points = [\"/mnt/data\"], lazy = on").Describe());

    [Fact]
    public void A_trailing_slash_is_accepted() =>
        Assert.Equal(["/mnt/data/"], Read("type = unmount, mount-points = [\"/mnt/data/\"]").MountPoints);

    [Fact]
    public void The_worked_example_in_docs_actions_md_loads_with_no_error_or_warning() =>
        ActionDocsExamples.AssertLoadsCleanly("unmount");
}
