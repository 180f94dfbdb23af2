using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>type = docker</c> and <c>type = proxmox</c> actions: their defaults, their keys, and the token secret never shown.</summary>
public sealed class DockerProxmoxActionConfigTests
{
    private static ActionSpec SpecOf(string action) =>
        LoadValid(Base + "\nsupervisor.agent.actions.a { " + action + " }").Agent!.FindAction("a")!.Spec;

    private const string Proxmox = "type = proxmox, url = \"https://pve:8006\", node = pve, token-id = \"supervisor@pve!shutdown\", token-secret = s3cret-uuid";

    [Fact]
    public void A_docker_action_defaults_to_the_local_socket_every_running_container_and_10s_grace()
    {
        var d = Assert.IsType<DockerSpec>(SpecOf("type = docker"));
        Assert.Equal(new DockerSpec("/var/run/docker.sock", null, [], 10), d with { Containers = [] });
        Assert.Empty(d.Containers);
        Assert.Equal("docker: stop every running container via unix:///var/run/docker.sock (grace 10s)", d.Describe());
    }

    [Fact]
    public void A_docker_action_reads_containers_time_and_a_TCP_engine_url()
    {
        var d = Assert.IsType<DockerSpec>(SpecOf("type = docker, url = \"http://10.0.0.5:2375\", containers = [web, db], time = 30"));
        Assert.Equal(new Uri("http://10.0.0.5:2375"), d.Url);
        Assert.Equal(["web", "db"], d.Containers);
        Assert.Equal(30, d.StopSeconds);
        Assert.Equal("docker: stop web, db via http://10.0.0.5:2375 (grace 30s)", d.Describe());
    }

    [Fact]
    public void A_proxmox_action_reads_its_keys_and_never_shows_the_secret()
    {
        var p = Assert.IsType<ProxmoxSpec>(SpecOf(Proxmox + ", vms = [100, 101], fingerprint = \"" + string.Join(':', Enumerable.Repeat("AB", 32)) + "\""));
        Assert.Equal([100, 101], p.Vms);
        Assert.Equal("s3cret-uuid", p.TokenSecret.Reveal());
        Assert.Equal("proxmox: shut down 100, 101 on node pve at https://pve:8006 as supervisor@pve!shutdown", p.Describe());
        Assert.DoesNotContain("s3cret-uuid", p.ToString());
    }

    [Fact]
    public void A_proxmox_token_secret_from_the_environment_is_read_through_the_secret_resolver()
    {
        Environment.SetEnvironmentVariable("SUPERVISOR_TEST_PVE_SECRET", "from-env");
        try
        {
            var p = Assert.IsType<ProxmoxSpec>(SpecOf(Proxmox.Replace("token-secret = s3cret-uuid", "token-secret = \"env:SUPERVISOR_TEST_PVE_SECRET\"")));
            Assert.Equal("from-env", p.TokenSecret.Reveal());
            Assert.Empty(p.Vms);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SUPERVISOR_TEST_PVE_SECRET", null);
        }
    }

    [Fact]
    public void A_proxmox_tls_ca_resolves_against_the_config_directory()
    {
        var dir = Directory.CreateTempSubdirectory("pve-ca-").FullName;
        try
        {
            using var ca = TestCertificates.CreateCa("CN=Proxmox Virtual Environment");
            File.WriteAllText(Path.Combine(dir, "pve-root-ca.pem"), ca.ExportCertificatePem());
            var r = SupervisorConfigLoader.Load(ConfigurationFactory.ParseString(Base + "\nsupervisor.agent.actions.a { " + Proxmox + ", tls-ca = pve-root-ca.pem }"), baseDirectory: dir);
            Assert.Empty(r.Errors);
            Assert.Equal(Path.Combine(dir, "pve-root-ca.pem"), ((ProxmoxSpec)r.Settings!.Agent!.FindAction("a")!.Spec).TlsCa);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
