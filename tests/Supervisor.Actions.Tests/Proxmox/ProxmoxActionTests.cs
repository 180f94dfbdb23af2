using Supervisor.Actions.Proxmox;
using Supervisor.Tests.RealServers;

namespace Supervisor.Actions.Tests.Proxmox;

/// <summary>The proxmox action against a real HTTPS server with a test-made certificate that speaks the Proxmox VE API's documented shapes.</summary>
public sealed class ProxmoxActionTests
{
    private static ProxmoxSpec Spec(FakeProxmox pve, string? fingerprint = null, string secret = FakeProxmox.TokenSecret, string? tlsCa = null, params int[] vms) =>
        new(pve.Url, FakeProxmox.Node, FakeProxmox.TokenId, new Secret(secret), vms, tlsCa, tlsCa is null ? fingerprint ?? pve.Fingerprint : null);

    private static ActionRun Run(ProxmoxSpec spec, double timeoutSeconds = 10) =>
        new(new AgentAction("stop-guests", spec, TimeSpan.FromSeconds(timeoutSeconds)), TimeProvider.System);

    private static Task<ActionOutcome> Act(ProxmoxSpec spec, double timeoutSeconds = 10) =>
        new ProxmoxAction(spec) { PollInterval = TimeSpan.FromMilliseconds(20) }.RunAsync(Run(spec, timeoutSeconds), CancellationToken.None);

    private static Task<ActionOutcome> Probe(ProxmoxSpec spec) => ShutdownActionFactory.Create(spec).ProbeAsync(Run(spec), CancellationToken.None);

    [Fact]
    public async Task Every_running_vm_and_ct_is_shut_down_its_task_followed_and_its_status_confirmed()
    {
        await using var pve = await FakeProxmox.StartAsync(new("qemu", 100, "web"), new("lxc", 101, "dns"), new("qemu", 102, "old", "stopped"));
        var o = await Act(Spec(pve));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal("2 of 2 guests stopped", o.Output);
        Assert.Equal(["qemu/100 (web)", "lxc/101 (dns)"], o.Targets.Select(t => t.Target));
        Assert.All(o.Targets, t => Assert.StartsWith("stopped after ", t.Detail));
        Assert.Contains("POST /api2/json/nodes/pve/lxc/101/status/shutdown", pve.Requests);
        Assert.Contains(pve.Requests, r => r.StartsWith("GET /api2/json/nodes/pve/tasks/UPID:pve:", StringComparison.Ordinal));
        Assert.Contains("GET /api2/json/nodes/pve/qemu/100/status/current", pve.Requests);
        Assert.DoesNotContain(pve.Requests, r => r.Contains("/102/"));
        Assert.All(pve.AuthorizationHeaders, h => Assert.Equal($"PVEAPIToken={FakeProxmox.TokenId}={FakeProxmox.TokenSecret}", h));
    }

    [Fact]
    public async Task Only_the_listed_vmids_are_shut_down_and_an_unknown_one_fails_its_line()
    {
        await using var pve = await FakeProxmox.StartAsync(new("qemu", 100, "web"), new("lxc", 101, "dns"), new("qemu", 102, "old", "stopped"));
        var o = await Act(Spec(pve, vms: [100, 102, 999]));
        Assert.False(o.Succeeded);
        Assert.Equal(["qemu/100 (web)", "qemu/102 (old): was already stopped", "999: FAILED, no VM or CT 999 on node pve; check vms"],
            o.Targets.Select(t => t.Succeeded && t.Detail.StartsWith("stopped after", StringComparison.Ordinal) ? t.Target : t.ToString()));
        Assert.Equal("running", pve[101].Status);
    }

    [Fact]
    public async Task A_task_that_ends_with_an_error_exitstatus_fails_with_it()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web") { ExitStatus = "VM quit/powerdown failed - got timeout" });
        var o = await Act(Spec(pve));
        Assert.False(o.Succeeded);
        Assert.Equal("0 of 1 guests stopped; qemu/100 (web): FAILED, the shutdown task ended with \"VM quit/powerdown failed - got timeout\"", o.Output);
    }

    [Fact]
    public async Task A_task_that_ends_OK_while_the_guest_still_runs_is_not_counted_as_stopped()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web") { RunsOnAfterOk = true });
        var o = await Act(Spec(pve));
        Assert.False(o.Succeeded);
        Assert.Equal("qemu/100 (web): FAILED, the shutdown task ended OK but the guest is running", Assert.Single(o.Targets).ToString());
    }

    [Fact]
    public async Task A_task_still_running_at_the_timeout_is_not_counted_as_stopped()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web") { PollsUntilDone = int.MaxValue });
        var o = await Act(Spec(pve), timeoutSeconds: 0.5);
        Assert.False(o.Succeeded);
        Assert.Equal("qemu/100 (web): FAILED, not confirmed stopped: timed out after 0.5s", Assert.Single(o.Targets).ToString());
    }

    [Fact]
    public async Task A_wrong_token_secret_fails_with_401_naming_the_token_id_and_never_the_secret()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        var o = await Act(Spec(pve, secret: "wrong-secret-value"));
        Assert.False(o.Succeeded);
        Assert.StartsWith($"the Proxmox API refused token {FakeProxmox.TokenId} (401 authentication failure): check token-id and token-secret", o.Output);
        Assert.DoesNotContain("wrong-secret-value", o.Output);
        Assert.Equal("running", pve[100].Status);
    }

    [Fact]
    public async Task A_token_without_VM_PowerMgmt_fails_with_403_and_the_privilege_to_grant()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        pve.MayPowerOff = false;
        var o = await Act(Spec(pve));
        Assert.False(o.Succeeded);
        var detail = Assert.Single(o.Targets).Detail;
        Assert.Contains("(403 Permission check failed (/vms/100, VM.PowerMgmt)): grant VM.PowerMgmt and VM.Audit on /vms", detail);
        Assert.Contains($"pveum acl modify /vms --tokens '{FakeProxmox.TokenId}' --roles PVEVMUser", detail);
    }

    [Fact]
    public async Task A_fingerprint_that_does_not_match_is_refused_printing_the_servers_and_the_fix()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        var wrong = string.Join(':', Enumerable.Repeat("AB", 32));
        var o = await Act(Spec(pve, fingerprint: wrong));
        Assert.False(o.Succeeded);
        Assert.Contains($"its fingerprint is {pve.Fingerprint}, not the configured one", o.Output);
        Assert.Contains($"set fingerprint = \"{pve.Fingerprint}\"", o.Output);
        Assert.Empty(pve.Requests);
    }

    [Fact]
    public async Task A_self_signed_node_without_fingerprint_or_CA_is_refused_with_its_fingerprint()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        var spec = Spec(pve) with { Fingerprint = null };
        var o = await Act(spec);
        Assert.False(o.Succeeded);
        Assert.StartsWith($"TLS: the certificate of {pve.Url.GetLeftPart(UriPartial.Authority)} was refused: the system does not trust it", o.Output);
        Assert.Contains($"fingerprint = \"{pve.Fingerprint}\"", o.Output);
    }

    [Fact]
    public async Task The_CA_that_signed_the_node_certificate_is_trusted_through_tls_ca()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        var ca = UpsdCertificates.WritePem(pve.Ca, Path.Combine(Path.GetTempPath(), $"pve-ca-{Guid.NewGuid():N}.pem"));
        try
        {
            var o = await Act(Spec(pve, tlsCa: ca));
            Assert.True(o.Succeeded, o.Output);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task Another_CA_in_tls_ca_is_refused()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        using var other = UpsdCertificates.CreateCa("someone else");
        var ca = UpsdCertificates.WritePem(other, Path.Combine(Path.GetTempPath(), $"other-ca-{Guid.NewGuid():N}.pem"));
        try
        {
            var o = await Act(Spec(pve, tlsCa: ca));
            Assert.False(o.Succeeded);
            Assert.Contains($"it is not signed by the CA in {ca}", o.Output);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Fact]
    public async Task The_probe_authenticates_and_lists_what_it_would_shut_down_and_changes_nothing()
    {
        await using var pve = await FakeProxmox.StartAsync(new("qemu", 100, "web"), new("lxc", 101, "dns"), new("qemu", 102, "old", "stopped"));
        var o = await Probe(Spec(pve));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal($"dry-run: Proxmox VE 8.2.4 at {pve.Url.GetLeftPart(UriPartial.Authority)} accepts token {FakeProxmox.TokenId}; node pve: would shut down 2 guest(s): qemu/100 (web), lxc/101 (dns)", o.Output);
        Assert.Contains("GET /api2/json/version", pve.Requests);
        Assert.DoesNotContain(pve.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal("running", pve[100].Status);
    }

    [Fact]
    public async Task The_probe_fails_for_a_guest_the_token_may_not_power_off()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        pve.MayPowerOff = false;
        var o = await Probe(Spec(pve));
        Assert.False(o.Succeeded);
        Assert.EndsWith($"qemu/100 (web): FAILED, token {FakeProxmox.TokenId} lacks VM.PowerMgmt on /vms/100: grant it, e.g. pveum acl modify /vms --tokens '{FakeProxmox.TokenId}' --roles PVEVMUser", o.Output);
        Assert.Contains("GET /api2/json/access/permissions", pve.Requests);
    }

    [Fact]
    public async Task The_probe_with_a_wrong_token_fails_with_401()
    {
        await using var pve = await FakeProxmox.StartAsync(new FakeGuest("qemu", 100, "web"));
        var o = await Probe(Spec(pve, secret: "nope"));
        Assert.False(o.Succeeded);
        Assert.StartsWith($"dry-run: the Proxmox API refused token {FakeProxmox.TokenId} (401", o.Output);
    }
}
