using Supervisor.Tests.RealServers;

namespace Supervisor.Actions.Tests.NutFsd;

/// <summary>
/// type = nut-fsd against a real upsd (dummy-ups) with a real upsmon secondary whose SHUTDOWNCMD only writes a marker.
/// FSD latches in upsd, so every test starts its own upsd.
/// </summary>
public sealed class NutFsdActionTests
{
    private static NutFsdSpec Spec(UpsdServer upsd, string? ups = null, string password = UpsdServer.AdminPassword, bool wait = true) =>
        new(upsd.Host, upsd.Port, ups ?? upsd.UpsName, UpsdServer.AdminUser, new Secret(password), wait);

    private static ActionRun Run(NutFsdSpec spec, double timeoutSeconds) =>
        new(new AgentAction("tell-secondaries", spec, TimeSpan.FromSeconds(timeoutSeconds)), TimeProvider.System);

    private static Task<ActionOutcome> Act(NutFsdSpec spec, double timeoutSeconds = 30) =>
        ShutdownActionFactory.Create(spec).RunAsync(Run(spec, timeoutSeconds), CancellationToken.None);

    private static Task<ActionOutcome> Probe(NutFsdSpec spec) =>
        ShutdownActionFactory.Create(spec).ProbeAsync(Run(spec, 10), CancellationToken.None);

    private static UpsmonSecondary Secondary(UpsdServer upsd) =>
        UpsmonSecondary.Start(upsd.UpsName, upsd.Host, upsd.Port, UpsdServer.MonitorUser, UpsdServer.MonitorPassword);

    private static async Task WaitForLoginsAsync(UpsdServer upsd, int count, Func<string> log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = (await upsd.QueryAsync($"GET NUMLOGINS {upsd.UpsName}"))[0];
            if (last == $"NUMLOGINS {upsd.UpsName} {count}") return;
            await Task.Delay(100);
        }
        Assert.Fail($"upsd never showed {count} logins (last: {last}):\n{log()}");
    }

    private static async Task<string> StatusAsync(UpsdServer upsd) => (await upsd.QueryAsync($"GET VAR {upsd.UpsName} ups.status"))[0];

    [Fact]
    public async Task FSD_makes_the_real_secondary_shut_down_and_the_step_reports_it_logged_out()
    {
        using var upsd = await UpsdServer.StartAsync();
        using var upsmon = Secondary(upsd);
        await WaitForLoginsAsync(upsd, 1, upsmon.Log);
        Assert.False(upsmon.ShutdownRan);

        var o = await Act(Spec(upsd));

        Assert.True(o.Succeeded, o.Output + "\n" + upsmon.Log());
        Assert.Matches(@"^FSD set; 1 of 1 secondaries logged out after \d+s$", o.Output);
        Assert.True(upsmon.ShutdownRan, "the secondary's SHUTDOWNCMD marker is missing:\n" + upsmon.Log());
        var target = Assert.Single(o.Targets);
        Assert.Equal($"ups1@127.0.0.1:{upsd.Port}", target.Target);
        Assert.True(target.Succeeded);
        Assert.Contains("FSD", await StatusAsync(upsd));
    }

    [Fact]
    public async Task With_no_secondary_logged_in_FSD_is_set_and_none_had_to_leave()
    {
        using var upsd = await UpsdServer.StartAsync();
        var o = await Act(Spec(upsd));
        Assert.True(o.Succeeded, o.Output);
        Assert.Contains("no secondaries were logged in", o.Output);
        Assert.Contains("FSD", await StatusAsync(upsd));
    }

    [Fact]
    public async Task A_secondary_that_stays_logged_in_past_the_timeout_fails_the_step_saying_how_many_are_left()
    {
        using var upsd = await UpsdServer.StartAsync();
        // A raw client logged in as a secondary that never reacts to FSD, like a host that hangs in its shutdown.
        using var stubborn = new System.Net.Sockets.TcpClient();
        await stubborn.ConnectAsync(upsd.Host, upsd.Port);
        var stream = stubborn.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"USERNAME {UpsdServer.MonitorUser}\nPASSWORD {UpsdServer.MonitorPassword}\nLOGIN {upsd.UpsName}\n"));
        await WaitForLoginsAsync(upsd, 1, () => "");

        var o = await Act(Spec(upsd), timeoutSeconds: 3);

        Assert.False(o.Succeeded);
        Assert.Equal("FSD set; 0 of 1 secondaries logged out, 1 still logged in after the 3s timeout", o.Output);
        Assert.False(Assert.Single(o.Targets).Succeeded);
    }

    [Fact]
    public async Task A_wrong_password_fails_naming_the_user_and_never_the_password()
    {
        using var upsd = await UpsdServer.StartAsync();
        var o = await Act(Spec(upsd, password: "not-the-Pa55word"));
        Assert.False(o.Succeeded);
        Assert.Contains($"for user \"{UpsdServer.AdminUser}\"", o.Output);
        Assert.Contains("ACCESS-DENIED", o.Output);
        Assert.DoesNotContain("not-the-Pa55word", o.Output);
        Assert.DoesNotContain("not-the-Pa55word", Assert.Single(o.Targets).Detail);
        Assert.DoesNotContain("FSD", await StatusAsync(upsd));
    }

    [Fact]
    public async Task An_unknown_UPS_fails_with_the_list_of_UPSes_upsd_serves()
    {
        using var upsd = await UpsdServer.StartAsync();
        var o = await Act(Spec(upsd, ups: "no-such-ups"));
        Assert.False(o.Succeeded);
        Assert.Contains("has no UPS named \"no-such-ups\"", o.Output);
        Assert.Contains("it serves: ups1", o.Output);
    }

    [Fact]
    public async Task Nothing_listening_gives_a_clear_error_naming_the_server()
    {
        var port = LoopbackPort.Free();
        var spec = new NutFsdSpec("127.0.0.1", port, "ups1", "admin", new Secret("x"), true);
        var o = await Act(spec, timeoutSeconds: 5);
        Assert.False(o.Succeeded);
        Assert.Contains($"connection refused by upsd at 127.0.0.1:{port}", o.Output);
    }

    [Fact]
    public async Task The_probe_counts_the_secondaries_it_would_tell_and_sets_nothing()
    {
        using var upsd = await UpsdServer.StartAsync();
        using var upsmon = Secondary(upsd);
        await WaitForLoginsAsync(upsd, 1, upsmon.Log);

        var o = await Probe(Spec(upsd));

        Assert.True(o.Succeeded, o.Output);
        Assert.Contains("FSD would tell 1 secondary", o.Output);
        Assert.DoesNotContain("FSD", await StatusAsync(upsd));
        await Task.Delay(1500); // a poll or two of upsmon: it must not have seen anything to act on
        Assert.False(upsmon.ShutdownRan, upsmon.Log());
        Assert.Equal($"NUMLOGINS {upsd.UpsName} 1", (await upsd.QueryAsync($"GET NUMLOGINS {upsd.UpsName}"))[0]);
    }

    [Fact]
    public async Task The_probe_of_an_unknown_UPS_fails_with_the_list()
    {
        using var upsd = await UpsdServer.StartAsync();
        var o = await Probe(Spec(upsd, ups: "nope"));
        Assert.False(o.Succeeded);
        Assert.StartsWith("dry-run: ", o.Output);
        Assert.Contains("it serves: ups1", o.Output);
    }
}
