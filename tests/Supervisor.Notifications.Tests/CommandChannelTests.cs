namespace Supervisor.Notifications.Tests;

/// <summary>The command channel running real programs (no shell added by the channel; the tests' own argv may use one).</summary>
public sealed class CommandChannelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supervisor-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CommandChannel Channel(TimeSpan? timeout = null, params string[] argv) =>
        new(new CommandChannelSettings("notifycmd", timeout ?? TimeSpan.FromSeconds(10), MessageTemplates.None, argv));

    [Fact]
    public async Task Runs_the_argv_with_the_notification_in_environment_variables_and_exit_0_is_delivered()
    {
        var file = Path.Combine(_dir, "env.txt");
        // /usr/bin/env prints its environment; the argument holding shell syntax must arrive as one literal argument.
        var channel = Channel(null, "/bin/sh", "-c", "env > \"$0\"; printf '%s' \"$1\" > \"$0.arg\"", file, "$(touch /tmp/never) ; `x`");

        var outcome = await channel.SendAsync(Samples.OnBattery(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var env = File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("ONBATT", env["SUPERVISOR_KIND"]);
        Assert.Equal("critical", env["SUPERVISOR_SEVERITY"]);
        Assert.Equal("ups-a", env["SUPERVISOR_SUBJECT"]);
        Assert.Equal("n-0001", env["SUPERVISOR_ID"]);
        Assert.Equal("ups-a on battery", env["SUPERVISOR_TITLE"]);
        Assert.Equal(Samples.OnBattery().Message, env["SUPERVISOR_MESSAGE"]);
        Assert.Equal("97", env["SUPERVISOR_FIELD_CHARGE"]);
        Assert.Equal("41", env["SUPERVISOR_FIELD_RUNTIME_MIN"]);
        Assert.Equal("2026-12-07T10:30:00Z", env["SUPERVISOR_AT"]);
        Assert.True(env.ContainsKey("PATH"), "the service's own environment is kept");
        Assert.Equal("$(touch /tmp/never) ; `x`", File.ReadAllText(file + ".arg"));
    }

    [Fact]
    public async Task A_non_zero_exit_is_retry_later_with_the_code_and_the_last_line_it_printed()
    {
        var channel = Channel(null, "/bin/sh", "-c", "echo 'relay down' >&2; exit 3");

        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Equal("command channel 'notifycmd': \"/bin/sh\" exited with 3 (relay down); retrying", retry.Reason);
    }

    [Fact]
    public async Task A_command_running_past_its_timeout_is_killed_and_retried()
    {
        var marker = Path.Combine(_dir, "finished");
        var channel = Channel(TimeSpan.FromMilliseconds(300), "/bin/sh", "-c", "sleep 5; touch \"$0\"", marker);

        var started = DateTime.UtcNow;
        var retry = Assert.IsType<DeliveryOutcome.RetryLater>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the run should end at its timeout");
        Assert.Contains("no answer within 300ms", retry.Reason);
        await Task.Delay(TimeSpan.FromSeconds(0.2));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_program_that_does_not_exist_is_permanent_naming_the_command_key()
    {
        var channel = Channel(null, "/nonexistent/notify-power", "--urgent");

        var permanent = Assert.IsType<DeliveryOutcome.Permanent>(await channel.SendAsync(Samples.OnBattery(), CancellationToken.None));

        Assert.Contains("cannot start \"/nonexistent/notify-power\"", permanent.Reason);
        Assert.Contains("supervisor.notifications.channels.notifycmd.command", permanent.Reason);
    }
}
