using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Tests.Agents.Actions;

public sealed class UnmountRulesTests
{
    [Fact]
    public void A_mount_point_is_unmounted_before_the_ones_it_is_mounted_inside_otherwise_in_the_order_given() =>
        Assert.Equal(["/mnt/a/b/c", "/mnt/a/b", "/mnt/a", "/srv", "/mnt/c"], UnmountRules.Order(["/mnt/a/", "/srv", "/mnt/a/b", "/mnt/c", "/mnt/a/b/c"]));

    [Fact]
    public void A_sibling_whose_name_starts_like_another_is_not_inside_it() =>
        Assert.Equal(["/mnt/a", "/mnt/ab"], UnmountRules.Order(["/mnt/a", "/mnt/ab"]));

    [Fact]
    public void A_mount_point_gone_from_mountinfo_is_unmounted()
    {
        Assert.Equal("/mnt/x: unmounted", UnmountRules.Outcome("/mnt/x", lazy: false, exitedZero: true, "", stillMounted: false).ToString());
        Assert.StartsWith("unmounted lazily", UnmountRules.Outcome("/mnt/x", lazy: true, exitedZero: true, "", stillMounted: false).Detail);
    }

    [Fact]
    public void A_busy_mount_point_fails_with_umounts_words_and_both_fixes()
    {
        var o = UnmountRules.Outcome("/mnt/x", lazy: false, exitedZero: false, "umount: /mnt/x: target is busy.", stillMounted: true);
        Assert.False(o.Succeeded);
        Assert.Equal("busy: umount: /mnt/x: target is busy.; stop what holds it open (fuser -vm /mnt/x lists it), or set lazy = on to detach it now", o.Detail);
    }

    [Fact]
    public void A_mount_point_umount_claims_but_mountinfo_still_lists_is_not_done()
    {
        var o = UnmountRules.Outcome("/mnt/x", lazy: false, exitedZero: true, "", stillMounted: true);
        Assert.False(o.Succeeded);
        Assert.Contains("still mounted", o.Detail);
    }

    [Fact]
    public void The_summary_counts_and_names_each_failure_and_a_failed_sync()
    {
        var outcomes = new[] { UnmountRules.NotMounted("/a"), new TargetOutcome("/b", false, "umount failed: x") };
        Assert.Equal("sync: timed out; 1 of 2 mount points unmounted; /b: FAILED, umount failed: x", UnmountRules.Summary(outcomes, "timed out"));
    }
}
