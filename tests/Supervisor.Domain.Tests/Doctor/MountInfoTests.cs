using Supervisor.Domain.Doctor;

namespace Supervisor.Domain.Tests.Doctor;

/// <summary>Which file system a data dir is on, from /proc/self/mountinfo lines as Linux writes them (proc(5)).</summary>
public sealed class MountInfoTests
{
    // Real shapes: optional fields (shared:N, master:N) before the "-", super options after the source.
    private const string Sample = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
        23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
        36 22 0:32 / /mnt/nfs rw,relatime shared:18 - nfs4 fileserver:/export/supervisor rw,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=10.0.0.5,local_lock=none,addr=10.0.0.2
        40 22 0:35 / /mnt/share rw,relatime - cifs //fileserver/share rw,vers=3.1.1,cache=strict,username=bob,uid=0,noforceuid,gid=0,noforcegid,addr=10.0.0.2,file_mode=0755,dir_mode=0755,soft,nounix,serverino,mapposix,rsize=4194304,wsize=4194304,bsize=1048576,echo_interval=60,actimeo=1
        45 22 0:40 / /home/me/remote rw,nosuid,nodev,relatime shared:20 - fuse.sshfs me@backup:/srv/data rw,user_id=1000,group_id=1000
        50 22 0:44 / /mnt/my\040share rw,relatime shared:25 - 9p data rw,sync,dirsync,access=client,trans=virtio
        51 36 0:45 / /mnt/nfs/local rw,relatime shared:26 - tmpfs tmpfs rw,size=1024k
        """;

    private static readonly IReadOnlyList<MountEntry> Mounts = MountInfo.Parse(Sample);

    [Fact]
    public void Parse_should_read_the_mount_point_the_type_and_the_source_of_every_line()
    {
        Assert.Equal(7, Mounts.Count);
        Assert.Equal(new MountEntry("/mnt/nfs", "nfs4", "fileserver:/export/supervisor"), Mounts[2]);
        Assert.Equal(new MountEntry("/mnt/share", "cifs", "//fileserver/share"), Mounts[3]);
        Assert.Equal(new MountEntry("/home/me/remote", "fuse.sshfs", "me@backup:/srv/data"), Mounts[4]);
    }

    [Fact]
    public void Parse_should_unescape_a_space_the_kernel_wrote_as_octal() =>
        Assert.Equal("/mnt/my share", Mounts[5].MountPoint);

    [Fact]
    public void Parse_should_skip_lines_without_the_separator_instead_of_throwing() =>
        Assert.Single(MountInfo.Parse("garbage\n22 1 8:1 / / rw - ext4 /dev/sda1 rw\n1 2 3 4 5 6 7 8"));

    [Theory]
    [InlineData("/mnt/nfs/supervisor/data", "nfs4")]
    [InlineData("/mnt/nfs", "nfs4")]
    [InlineData("/mnt/share/x", "cifs")]
    [InlineData("/home/me/remote/supervisor", "fuse.sshfs")]
    [InlineData("/mnt/my share/data", "9p")]
    [InlineData("/mnt/nfs/local/data", "tmpfs")]   // a mount inside the NFS mount: the deeper one holds the path
    [InlineData("/mnt/nfsx/data", "ext4")]         // a sibling that merely shares a prefix is not inside /mnt/nfs
    [InlineData("/var/lib/supervisor", "ext4")]
    public void For_should_pick_the_deepest_mount_that_holds_the_path(string path, string type) =>
        Assert.Equal(type, MountInfo.For(path, Mounts)?.FileSystemType);

    [Fact]
    public void For_should_pick_the_later_of_two_mounts_on_the_same_point()
    {
        var mounts = MountInfo.Parse("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n60 22 0:50 / /data rw - ext4 /dev/sdb1 rw\n61 60 0:51 / /data rw - nfs srv:/d rw");
        Assert.Equal("nfs", MountInfo.For("/data/x", mounts)?.FileSystemType);
    }

    [Theory]
    [InlineData("nfs", true)]
    [InlineData("nfs4", true)]
    [InlineData("cifs", true)]
    [InlineData("smb3", true)]
    [InlineData("sshfs", true)]
    [InlineData("fuse.sshfs", true)]
    [InlineData("9p", true)]
    [InlineData("ext4", false)]
    [InlineData("xfs", false)]
    [InlineData("tmpfs", false)]
    [InlineData("overlay", false)]
    public void IsNetworkFileSystem_should_name_the_file_systems_whose_locks_SQLite_cannot_trust(string type, bool network) =>
        Assert.Equal(network, MountInfo.IsNetworkFileSystem(type));
}
