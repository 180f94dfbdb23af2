using System.Net.Sockets;

namespace Supervisor.Actions.Tests.Docker;

/// <summary>The docker action against a real HTTP server on a unix socket that speaks the Engine API's documented shapes.</summary>
public sealed class DockerActionTests
{
    private static DockerSpec Spec(string socket, params string[] containers) => new(socket, null, containers, 7);

    private static ActionRun Run(DockerSpec spec, double timeoutSeconds = 10) =>
        new(new AgentAction("stop-containers", spec, TimeSpan.FromSeconds(timeoutSeconds)), TimeProvider.System);

    private static Task<ActionOutcome> Act(DockerSpec spec) => ShutdownActionFactory.Create(spec).RunAsync(Run(spec), CancellationToken.None);

    private static Task<ActionOutcome> Probe(DockerSpec spec) => ShutdownActionFactory.Create(spec).ProbeAsync(Run(spec), CancellationToken.None);

    [Fact]
    public async Task Every_running_container_is_stopped_with_the_grace_and_confirmed_when_none_are_listed()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new("web"), new("db"), new("old", running: false));
        var o = await Act(Spec(engine.SocketPath));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal("2 of 2 containers stopped", o.Output);
        Assert.Equal(["web: stopped", "db: stopped"], o.Targets.Select(t => t.ToString()).Order().Reverse());
        Assert.Contains($"POST /containers/{engine["web"].Id}/stop?t=7", engine.Requests);
        Assert.Contains($"GET /containers/{engine["db"].Id}/json", engine.Requests);
        Assert.DoesNotContain(engine.Requests, r => r.Contains(engine["old"].Id));
    }

    [Fact]
    public async Task Only_the_listed_containers_are_stopped_and_one_already_stopped_counts_as_done()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new("web"), new("db"), new("old", running: false));
        var o = await Act(Spec(engine.SocketPath, "web", "old"));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal(["web: stopped", "old: was already stopped"], o.Targets.Select(t => t.ToString()));
        Assert.True(engine["db"].Running);
    }

    [Fact]
    public async Task A_container_that_stays_running_fails_its_line_and_the_action()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new("web"), new("stubborn", onStop: OnStop.StaysRunning));
        var o = await Act(Spec(engine.SocketPath));
        Assert.False(o.Succeeded);
        Assert.Equal("1 of 2 containers stopped; stubborn: FAILED, still running after stop (grace 7s)", o.Output);
    }

    [Fact]
    public async Task A_container_removed_on_stop_counts_as_stopped()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new FakeContainer("tmp", onStop: OnStop.RemovedOnStop));
        var o = await Act(Spec(engine.SocketPath));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal("tmp: stopped and removed", Assert.Single(o.Targets).ToString());
    }

    [Fact]
    public async Task A_listed_container_that_does_not_exist_fails_with_the_fix()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new FakeContainer("web"));
        var o = await Act(Spec(engine.SocketPath, "wbe"));
        Assert.False(o.Succeeded);
        Assert.Equal("wbe: FAILED, no such container; check the name against docker ps -a", Assert.Single(o.Targets).ToString());
    }

    [Fact]
    public async Task An_engine_error_500_is_reported_with_the_engines_message()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new FakeContainer("web", onStop: OnStop.EngineError));
        var o = await Act(Spec(engine.SocketPath));
        Assert.False(o.Succeeded);
        Assert.Contains($"answered 500 to POST /containers/{engine["web"].Id}/stop?t=7: cannot stop container: permission denied by the runtime", Assert.Single(o.Targets).Detail);
    }

    [Fact]
    public async Task A_malformed_container_list_fails_with_what_came_and_stops_nothing()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new FakeContainer("web"));
        engine.ListBody = "<html>proxy error</html>";
        var o = await Act(Spec(engine.SocketPath));
        Assert.False(o.Succeeded);
        Assert.Equal("the engine's reply to GET /containers/json is unusable: the container list is not JSON: <html>proxy error</html>", o.Output);
        Assert.True(engine["web"].Running);
    }

    [Fact]
    public async Task A_TCP_engine_given_by_url_is_used_instead_of_the_socket()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new FakeContainer("web"));
        var o = await Act(new DockerSpec("/nonexistent/docker.sock", engine.TcpUrl, [], 7));
        Assert.True(o.Succeeded, o.Output);
        Assert.False(engine["web"].Running);
    }

    [Fact]
    public async Task A_TCP_engine_nobody_answers_at_says_so()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        var url = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}");
        port.Stop();
        var o = await Act(new DockerSpec(DockerSpec.DefaultSocket, url, [], 7));
        Assert.StartsWith($"nothing answers at {url.GetLeftPart(UriPartial.Authority)}: is the engine listening on TCP there", o.Output);
    }

    [Fact]
    public async Task A_missing_socket_fails_naming_it_and_the_fix()
    {
        var o = await Act(Spec("/nonexistent/docker.sock"));
        Assert.False(o.Succeeded);
        Assert.Equal("the Docker socket /nonexistent/docker.sock does not exist: is the Docker engine installed and running on this host (systemctl status docker)? or set socket = the engine's socket path", o.Output);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_says_the_engine_is_not_running()
    {
        var dir = Directory.CreateTempSubdirectory("stale-docker-").FullName;
        var path = Path.Combine(dir, "docker.sock");
        try
        {
            // A socket file left behind by an engine that is gone: bound, then the process exits without unlinking it
            // (.NET's own Socket unlinks the file on dispose, so another process leaves it behind).
            using (var p = System.Diagnostics.Process.Start("/usr/bin/python3", ["-c", $"import socket; socket.socket(socket.AF_UNIX).bind('{path}')"])) p.WaitForExit();
            Assert.True(File.Exists(path));
            var o = await Act(Spec(path));
            Assert.Equal($"nothing listens on {path}: the Docker engine is not running (systemctl start docker)", o.Output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Permission_denied_on_the_socket_names_the_docker_group()
    {
        // Tests run as root, which the kernel lets through any socket's permissions, so the mapping is checked directly.
        var e = new HttpRequestException("Permission denied", new SocketException((int)SocketError.AccessDenied));
        var text = Supervisor.Actions.Docker.DockerConnectProblem.Describe(Spec("/var/run/docker.sock"), e);
        Assert.StartsWith($"permission denied opening /var/run/docker.sock: the agent's user ({Environment.UserName}) needs the docker group", text);
    }

    [Fact]
    public async Task The_probe_pings_and_lists_what_it_would_stop_and_stops_nothing()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new("web"), new("db"), new("old", running: false));
        var o = await Probe(Spec(engine.SocketPath, "web", "old"));
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal($"dry-run: engine at unix://{engine.SocketPath} answers; would stop 1 container(s): web (grace 7s)", o.Output);
        Assert.Equal(["web: running; would stop", "old: not running; nothing to do"], o.Targets.Select(t => t.ToString()));
        Assert.Contains("GET /_ping", engine.Requests);
        Assert.DoesNotContain(engine.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.True(engine["web"].Running);
    }

    [Fact]
    public async Task The_probe_fails_for_a_listed_container_that_does_not_exist()
    {
        await using var engine = await FakeDockerEngine.StartAsync(new FakeContainer("web"));
        var o = await Probe(Spec(engine.SocketPath, "nope"));
        Assert.False(o.Succeeded);
        Assert.EndsWith("; nope: FAILED, no such container; check the name against docker ps -a", o.Output);
    }

    [Fact]
    public async Task The_probe_of_a_missing_socket_fails_with_the_fix()
    {
        var o = await Probe(Spec("/nonexistent/docker.sock"));
        Assert.False(o.Succeeded);
        Assert.StartsWith("dry-run: the Docker socket /nonexistent/docker.sock does not exist", o.Output);
    }
}
