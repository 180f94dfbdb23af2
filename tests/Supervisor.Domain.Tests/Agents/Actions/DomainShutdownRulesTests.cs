using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Tests.Agents.Actions;

/// <summary>The libvirt state machine driven by a fake clock: time is whatever the test says it is.</summary>
public sealed class DomainShutdownRulesTests
{
    private const string Uri = "qemu:///system";
    private static readonly DomainState Running = new("running");
    private static readonly DomainState Off = new("shut off");
    private static TimeSpan S(double s) => TimeSpan.FromSeconds(s);
    private static DomainShutdownPolicy Policy(double timeout = 60, double? force = null, double poll = 2) =>
        new(S(timeout), force is { } f ? S(f) : null, S(poll));

    private static DomainWatch Asked(string name) => DomainShutdownRules.Begin(name, exists: true, state: "running");

    [Fact]
    public void A_listed_domain_starts_missing_already_off_or_to_shut_down()
    {
        Assert.Equal(DomainPhase.Missing, DomainShutdownRules.Begin("x", exists: false, state: null).Phase);
        Assert.Equal(DomainPhase.AlreadyOff, DomainShutdownRules.Begin("x", exists: true, state: "shut off").Phase);
        Assert.Equal(DomainPhase.ShuttingDown, DomainShutdownRules.Begin("x", exists: true, state: "paused").Phase);
    }

    [Fact]
    public void A_domain_seen_off_after_shutdown_is_shut_off_with_the_time_it_took()
    {
        var w = DomainShutdownRules.Observe(Asked("vm-1"), Off, S(4));
        Assert.Equal(DomainPhase.ShutOff, w.Phase);
        Assert.Equal("vm-1: shut off after 4s", DomainShutdownRules.Outcome(w, Policy(), Uri).ToString());
    }

    [Fact]
    public void Nothing_is_destroyed_before_force_after_and_everything_still_running_is_at_force_after()
    {
        var watches = new[] { Asked("vm-1"), Asked("vm-2") };
        var before = DomainShutdownRules.Next(watches, S(29.9), Policy(force: 30));
        Assert.Empty(before.Destroy);
        Assert.Equal(["vm-1", "vm-2"], before.Poll);
        var at = DomainShutdownRules.Next(watches, S(30), Policy(force: 30));
        Assert.Equal(["vm-1", "vm-2"], at.Destroy);
        Assert.False(at.Finished);
    }

    [Fact]
    public void Without_force_after_nothing_is_ever_destroyed()
    {
        var step = DomainShutdownRules.Next([Asked("vm-1")], S(59), Policy());
        Assert.Empty(step.Destroy);
    }

    [Fact]
    public void A_domain_destroyed_once_is_not_destroyed_again_but_still_polled()
    {
        var w = DomainShutdownRules.DestroySent(Asked("vm-1"), new VirshReply([], ""));
        var step = DomainShutdownRules.Next([w], S(40), Policy(force: 30));
        Assert.Empty(step.Destroy);
        Assert.Equal(["vm-1"], step.Poll);
    }

    [Fact]
    public void A_domain_seen_off_after_destroy_is_reported_destroyed_after_force_after()
    {
        var w = DomainShutdownRules.DestroySent(Asked("vm-3"), new VirshReply([], ""));
        w = DomainShutdownRules.Observe(w, Off, S(31));
        Assert.Equal(DomainPhase.Destroyed, w.Phase);
        var o = DomainShutdownRules.Outcome(w, Policy(force: 30), Uri);
        Assert.True(o.Succeeded);
        Assert.Equal("vm-3: destroyed after force-after 30s, off at 31s", o.ToString());
    }

    [Fact]
    public void A_domain_still_running_at_the_timeout_fails_and_tells_how_to_force_it()
    {
        var w = DomainShutdownRules.Observe(Asked("vm-2"), Running, S(58));
        var step = DomainShutdownRules.Next([w], S(60), Policy());
        Assert.True(step.Finished);
        var o = DomainShutdownRules.Outcome(w, Policy(), Uri);
        Assert.False(o.Succeeded);
        Assert.Equal("vm-2: FAILED, still running at timeout 60s (last seen running); set force-after to destroy what ignores shutdown, or raise timeout", o.ToString());
    }

    [Fact]
    public void A_destroy_that_did_not_take_fails_naming_the_refusal()
    {
        var w = DomainShutdownRules.DestroySent(Asked("vm-2"), VirshReply.Failed("error: Failed to destroy domain 'vm-2'"));
        var o = DomainShutdownRules.Outcome(w, Policy(force: 30), Uri);
        Assert.False(o.Succeeded);
        Assert.Contains("still running at timeout 60s after destroy at force-after 30s (destroy refused: error: Failed to destroy domain 'vm-2')", o.Detail);
    }

    [Fact]
    public void A_missing_domain_fails_with_the_fix()
    {
        var o = DomainShutdownRules.Outcome(DomainShutdownRules.Begin("vm-9", false, null), Policy(), Uri);
        Assert.False(o.Succeeded);
        Assert.Equal("no such domain on qemu:///system; check the name with virsh -c qemu:///system list --all, or remove it from domains", o.Detail);
    }

    [Fact]
    public void A_state_virsh_cannot_read_keeps_the_domain_open_never_counted_off()
    {
        var w = DomainShutdownRules.Observe(Asked("vm-1"), new DomainState(null, Problem: "error: no valid connection"), S(5));
        Assert.False(w.Settled);
        Assert.Contains("state unreadable: error: no valid connection", DomainShutdownRules.Outcome(w, Policy(), Uri).Detail);
    }

    [Fact]
    public void The_wait_ends_at_force_after_or_the_timeout_when_they_come_before_the_next_poll()
    {
        Assert.Equal(S(2), DomainShutdownRules.Next([Asked("a")], S(10), Policy(force: 30)).Wait);
        Assert.Equal(S(0.5), DomainShutdownRules.Next([Asked("a")], S(29.5), Policy(force: 30)).Wait);
        Assert.Equal(S(1), DomainShutdownRules.Next([Asked("a")], S(59), Policy(force: 30)).Wait);
    }

    [Fact]
    public void Once_every_domain_is_settled_the_action_finishes()
    {
        var w = DomainShutdownRules.Observe(Asked("vm-1"), Off, S(1));
        Assert.True(DomainShutdownRules.Next([w, DomainShutdownRules.Begin("x", true, "shut off")], S(1), Policy()).Finished);
    }

    [Fact]
    public void The_whole_run_with_a_fake_clock_shuts_one_off_destroys_one_and_leaves_one_running()
    {
        // vm-1 obeys at 4s; vm-2 ignores shutdown and is destroyed at 30s; vm-3 ignores destroy too.
        var policy = Policy(timeout: 60, force: 30);
        var watches = new List<DomainWatch> { Asked("vm-1"), Asked("vm-2"), Asked("vm-3") };
        var destroyed = new HashSet<string>();
        var clock = TimeSpan.Zero;
        while (true)
        {
            var step = DomainShutdownRules.Next(watches, clock, policy);
            if (step.Finished) break;
            for (var i = 0; i < watches.Count; i++)
            {
                var w = watches[i];
                if (step.Destroy.Contains(w.Name)) { w = DomainShutdownRules.DestroySent(w, new VirshReply([], "")); destroyed.Add(w.Name); }
                var off = w.Name == "vm-1" && clock >= S(4) || w.Name == "vm-2" && destroyed.Contains("vm-2");
                watches[i] = DomainShutdownRules.Observe(w, off ? Off : Running, clock);
            }
            clock += step.Wait;
        }
        var outcomes = watches.Select(w => DomainShutdownRules.Outcome(w, policy, Uri)).ToList();
        Assert.Equal("shut off after 4s", outcomes[0].Detail);
        Assert.Equal("destroyed after force-after 30s, off at 30s", outcomes[1].Detail);
        Assert.StartsWith("still running at timeout 60s after destroy at force-after 30s", outcomes[2].Detail);
        Assert.Equal(S(60), clock);
        Assert.Equal("2 of 3 domains off; vm-2: destroyed after force-after 30s, off at 30s; vm-3: FAILED, still running at timeout 60s after destroy at force-after 30s (last seen running)",
            DomainShutdownRules.Summary(watches, outcomes));
    }

    [Fact]
    public void No_poll_starts_inside_the_last_look_so_the_last_answer_comes_before_the_timeout()
    {
        var policy = new DomainShutdownPolicy(S(60), null, S(2), LastLook: S(2));
        Assert.Equal(S(1), DomainShutdownRules.Next([Asked("a")], S(57), policy).Wait);
        Assert.True(DomainShutdownRules.Next([Asked("a")], S(58), policy).Finished);
        Assert.Equal("still running at timeout 60s (last seen running); set force-after to destroy what ignores shutdown, or raise timeout",
            DomainShutdownRules.Outcome(DomainShutdownRules.Observe(Asked("a"), Running, S(57)), policy, Uri).Detail);
    }

    [Theory]
    [InlineData(0.5, 0.125)]
    [InlineData(60, 2)]
    public void The_last_look_is_a_quarter_of_the_timeout_at_most_two_seconds(double timeout, double lastLook) =>
        Assert.Equal(S(lastLook), DomainShutdownPolicy.LastLookFor(S(timeout)));

    [Theory]
    [InlineData(0.42, "0.4s")]
    [InlineData(4, "4s")]
    [InlineData(30.4, "30s")]
    public void Elapsed_times_read_as_seconds(double s, string text) => Assert.Equal(text, DomainShutdownRules.Seconds(S(s)));
}
