using Supervisor.Actions.Command;

namespace Supervisor.Actions.Tests.Command;

public sealed class CommandActionTests
{
    private static ActionRun Run(IReadOnlyList<string> argv, double timeoutSeconds = 10) =>
        new(new AgentAction("a", argv, TimeSpan.FromSeconds(timeoutSeconds)), TimeProvider.System);

    private static Task<ActionOutcome> Act(params string[] argv) =>
        ShutdownActionFactory.Create(new CommandSpec(argv)).RunAsync(Run(argv), CancellationToken.None);

    private static Task<ActionOutcome> Probe(params string[] argv) =>
        ShutdownActionFactory.Create(new CommandSpec(argv)).ProbeAsync(Run(argv), CancellationToken.None);

    [Fact]
    public async Task A_command_that_exits_zero_succeeds_with_its_output()
    {
        var o = await Act("sh", "-c", "echo hello; echo oops >&2");
        Assert.True(o.Succeeded);
        Assert.Equal(0, o.ExitCode);
        Assert.Contains("hello", o.Output);
        Assert.Contains("oops", o.Output);
    }

    [Fact]
    public async Task A_non_zero_exit_fails_with_the_exit_code()
    {
        var o = await Act("sh", "-c", "exit 3");
        Assert.False(o.Succeeded);
        Assert.Equal(3, o.ExitCode);
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_killed_and_fails()
    {
        var argv = new[] { "sleep", "30" };
        var o = await ShutdownActionFactory.Create(new CommandSpec(argv)).RunAsync(Run(argv, 0.5), CancellationToken.None);
        Assert.False(o.Succeeded);
        Assert.Null(o.ExitCode);
        Assert.Contains("timed out after 0.5s and was killed", o.Output);
    }

    [Fact]
    public async Task A_program_that_cannot_start_fails_naming_it()
    {
        var o = await Act("/nonexistent/prog");
        Assert.False(o.Succeeded);
        Assert.Contains("could not start /nonexistent/prog", o.Output);
    }

    [Fact]
    public async Task The_probe_of_a_program_on_PATH_succeeds_and_runs_nothing()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}");
        var o = await Probe("touch", marker);
        Assert.True(o.Succeeded, o.Output);
        Assert.Equal($"dry-run: would run touch {marker}", o.Output);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task The_probe_of_a_missing_program_fails_with_the_fix()
    {
        var o = await Probe("no-such-program-xyz", "--all");
        Assert.False(o.Succeeded);
        Assert.Contains("program \"no-such-program-xyz\" is not on this host's PATH; install it or give its full path", o.Output);
    }

    [Fact]
    public async Task The_probe_of_a_file_that_is_not_executable_says_so()
    {
        var file = Path.GetTempFileName();
        try
        {
            var o = await Probe(file);
            Assert.False(o.Succeeded);
            Assert.Contains($"{file} is not executable", o.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
