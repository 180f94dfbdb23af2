using Supervisor.Domain.Doctor;

namespace Supervisor.Domain.Tests.Doctor;

/// <summary>What the unmount action needs of <see cref="MountInfo"/> beyond the doctor's: every escape, any number of optional fields, stacked mounts.</summary>
public sealed class MountInfoEscapeTests
{
    private const string Sample = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
        36 22 0:32 / /mnt/my\040data rw,relatime shared:20 master:3 - tmpfs tmp\134fs rw,size=2048k
        37 22 0:33 / /mnt/tab\011and\012newline rw - tmpfs tmpfs rw
        38 36 0:34 / /mnt/my\040data rw - tmpfs other rw
        garbage line
        """;

    [Fact]
    public void Octal_escapes_for_space_tab_newline_and_backslash_are_decoded()
    {
        var entries = MountInfo.Parse(Sample);
        Assert.Equal("/mnt/my data", entries[1].MountPoint);
        Assert.Equal("tmp\\fs", entries[1].Source);
        Assert.Equal("/mnt/tab\tand\nnewline", entries[2].MountPoint);
    }

    [Fact]
    public void Optional_fields_before_the_dash_are_skipped_whatever_their_number()
    {
        var one = MountInfo.Parse("36 22 0:32 / /a rw - tmpfs src rw");
        var three = MountInfo.Parse("36 22 0:32 / /a rw shared:1 master:2 unbindable - tmpfs src rw");
        Assert.Equal(one, three);
    }

    [Fact]
    public void A_stacked_mount_point_counts_every_file_system_on_it()
    {
        var entries = MountInfo.Parse(Sample);
        Assert.Equal(2, MountInfo.CountAt(entries, "/mnt/my data"));
        Assert.Equal(0, MountInfo.CountAt(entries, "/mnt/my"));
    }

    [Theory]
    [InlineData(@"/a\0")]
    [InlineData(@"/a\999b")]
    [InlineData(@"/end\")]
    public void A_backslash_that_is_not_an_octal_escape_is_kept(string mountPoint) =>
        Assert.Equal(mountPoint, MountInfo.Parse($"36 22 0:32 / {mountPoint} rw - tmpfs src rw").Single().MountPoint);
}
