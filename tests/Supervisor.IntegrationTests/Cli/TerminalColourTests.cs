namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// Issue 14 (colour on a terminal only): the decision, pure, and the real CLI with its output redirected. The process
/// test sets <c>TERM=xterm-256color</c> on purpose: Spectre.Console alone would then colour a pipe.
/// </summary>
public sealed class TerminalColourTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    [Theory]
    [InlineData(true, null, null, true)]     // a terminal, nothing set: colour
    [InlineData(false, null, null, false)]   // a pipe or a file: none
    [InlineData(true, "1", null, false)]     // NO_COLOR set: none, even on a terminal
    [InlineData(true, "", null, true)]       // NO_COLOR empty counts as unset (no-color.org)
    [InlineData(false, null, "1", true)]     // FORCE_COLOR forces it into a pipe (less -R)
    [InlineData(true, "1", "1", true)]       // and wins over NO_COLOR
    [InlineData(true, null, "0", true)]      // FORCE_COLOR=0 forces nothing
    [InlineData(false, null, "false", false)]
    public void Colour_should_be_written_only_to_a_terminal_without_NO_COLOR_unless_FORCE_COLOR_says_so(bool terminal, string? noColor, string? forceColor, bool colour) =>
        Assert.Equal(colour, TerminalColour.Decide(terminal, noColor, forceColor));

    [Fact]
    public async Task Status_with_redirected_output_should_write_no_escape_bytes_even_when_TERM_names_a_colour_terminal()
    {
        var node = await StartReadmeDemoAsync();
        var address = $"127.0.0.1:{node.Port}";
        var piped = await CliProcess.RunWithEnvironmentAsync(
            NodeProcess.EnvironmentWith(("TERM", "xterm-256color"), (TerminalColour.NoColorVariable, null), (TerminalColour.ForceColorVariable, null)),
            "status", "--node", address);
        Assert.Equal(0, piped.ExitCode);
        Assert.Contains("Devices", piped.Stdout);
        Assert.DoesNotContain('\u001b', piped.Stdout);

        // The same command forced: escape bytes appear, so the check above can see them when they are there.
        var forced = await CliProcess.RunWithEnvironmentAsync(
            NodeProcess.EnvironmentWith(("TERM", "xterm-256color"), (TerminalColour.ForceColorVariable, "1")), "status", "--node", address);
        Assert.Contains('\u001b', forced.Stdout);
    }
}
