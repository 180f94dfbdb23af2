using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Tests.Agents.Actions;

/// <summary>The Proxmox VE API replies (every answer under "data"), the choice of guests, fingerprints and the summary line.</summary>
public sealed class ProxmoxRepliesTests
{
    [Fact]
    public void A_guest_list_reads_vmid_as_number_or_string_with_name_and_status()
    {
        var parsed = ProxmoxReplies.Guests("""{"data":[{"vmid":100,"name":"web","status":"running","cpus":2},{"vmid":"101","status":"stopped"}]}""", "lxc");
        Assert.Null(parsed.Problem);
        Assert.Equal([new ProxmoxGuest("lxc", 100, "web", "running"), new ProxmoxGuest("lxc", 101, "", "stopped")], parsed.Value!);
    }

    [Theory]
    [InlineData("not json", "the qemu list is not JSON: not json")]
    [InlineData("{\"errors\":{}}", "the qemu list has no \"data\": {\"errors\":{}}")]
    [InlineData("{\"data\":{}}", "the qemu list's data is not an array")]
    [InlineData("{\"data\":[{\"name\":\"web\"}]}", "an entry of the qemu list has no vmid")]
    public void A_malformed_guest_list_says_what_is_wrong(string body, string problem) =>
        Assert.Equal(problem, ProxmoxReplies.Guests(body, "qemu").Problem);

    [Fact]
    public void A_shutdown_reply_gives_its_UPID() =>
        Assert.Equal("UPID:pve:0000A1B2:01:6750A1B2:qmshutdown:100:root@pam:", ProxmoxReplies.Upid("""{"data":"UPID:pve:0000A1B2:01:6750A1B2:qmshutdown:100:root@pam:"}""").Value);

    [Fact]
    public void A_shutdown_reply_without_a_UPID_is_a_problem() =>
        Assert.Equal("the shutdown reply holds no task id (UPID)", ProxmoxReplies.Upid("""{"data":null}""").Problem);

    [Theory]
    [InlineData("""{"data":{"status":"running"}}""", false, false)]
    [InlineData("""{"data":{"status":"stopped","exitstatus":"OK"}}""", true, true)]
    [InlineData("""{"data":{"status":"stopped","exitstatus":"VM quit/powerdown failed"}}""", true, false)]
    [InlineData("""{"data":{"status":"stopped","exitstatus":"WARNINGS: 1"}}""", true, false)]
    public void A_task_is_done_only_when_stopped_with_exitstatus_OK(string body, bool stopped, bool ok)
    {
        var task = ProxmoxReplies.Task(body).Value!;
        Assert.Equal(stopped, task.Stopped);
        Assert.Equal(ok, task.Ok);
    }

    [Fact]
    public void Current_status_and_version_are_read_from_data()
    {
        Assert.Equal("stopped", ProxmoxReplies.CurrentStatus("""{"data":{"status":"stopped","vmid":100}}""").Value);
        Assert.Equal("8.2.4", ProxmoxReplies.Version("""{"data":{"version":"8.2.4","release":"8.2"}}""").Value);
    }

    [Theory]
    [InlineData("""{"data":{"/vms/100":{"VM.Audit":1,"VM.PowerMgmt":1}}}""", true)]
    [InlineData("""{"data":{"/vms/100":{"VM.Audit":1}}}""", false)]
    [InlineData("""{"data":{"/vms/100":{"VM.PowerMgmt":0}}}""", false)]
    [InlineData("""{"data":{}}""", false)]
    public void Permissions_say_whether_a_privilege_is_held(string body, bool held) =>
        Assert.Equal(held, ProxmoxReplies.HasPrivilege(body, "VM.PowerMgmt").Value);

    [Fact]
    public void An_error_reply_lists_the_parameter_errors() =>
        Assert.Equal("vmid: invalid format", ProxmoxReplies.ErrorText("""{"data":null,"errors":{"vmid":"invalid format"}}"""));

    private static readonly ProxmoxGuest[] Guests = [new("lxc", 101, "dns", "running"), new("qemu", 102, "", "stopped"), new("qemu", 100, "web", "running")];

    [Fact]
    public void No_configured_vmids_means_every_running_guest_vms_first()
    {
        var targets = ProxmoxPlan.Targets([], Guests);
        Assert.Equal(["qemu/100 (web)", "lxc/101 (dns)"], targets.Select(t => t.Label));
    }

    [Fact]
    public void Configured_vmids_are_found_or_left_without_a_guest()
    {
        var targets = ProxmoxPlan.Targets([102, 999], Guests);
        Assert.Equal(["qemu/102", "999"], targets.Select(t => t.Label));
        Assert.False(targets[0].Running);
        Assert.Null(targets[1].Guest);
    }

    [Theory]
    [InlineData("ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89", true)]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", true)]
    [InlineData("AB:CD", false)]
    [InlineData("ZZCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", false)]
    public void A_fingerprint_is_64_hex_digits_with_or_without_colons(string text, bool valid) =>
        Assert.Equal(valid, CertificateFingerprint.Normalize(text) is not null);

    [Fact]
    public void A_fingerprint_is_shown_and_matched_as_Proxmox_shows_it()
    {
        var digest = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var shown = CertificateFingerprint.Format(digest);
        Assert.StartsWith("00:01:02:", shown);
        Assert.True(CertificateFingerprint.Matches(shown.ToLowerInvariant(), digest));
        Assert.False(CertificateFingerprint.Matches(shown.Replace("00:", "FF:"), digest));
    }

    [Fact]
    public void The_summary_counts_the_done_targets_and_lists_every_failed_one() =>
        Assert.Equal("1 of 3 guests stopped; b: FAILED, x; c: FAILED, y",
            TargetSummary.Of([new("a", true, "ok"), new("b", false, "x"), new("c", false, "y")], "guests", "stopped"));
}
