using Spectre.Console;

namespace Supervisor.Node.Cli;

/// <summary>
/// Issue 14 (colour on a terminal only): escape codes help a person at a terminal and corrupt everything else — a pipe
/// into grep, a log file, journald. Spectre.Console guesses from <c>TERM</c> alone, which a redirected stream inherits,
/// so the CLI decides itself: colour when the stream is a terminal and <c>NO_COLOR</c> (https://no-color.org) is unset
/// or empty; <c>FORCE_COLOR</c> (set, and not "0" or "false") forces it on, as Node.js and others read it, for a
/// person piping into <c>less -R</c>.
/// </summary>
internal static class TerminalColour
{
    public const string NoColorVariable = "NO_COLOR", ForceColorVariable = "FORCE_COLOR";

    /// <summary>The decision itself, pure: whether to write colour and other escape codes.</summary>
    public static bool Decide(bool isTerminal, string? noColor, string? forceColor)
    {
        if (!string.IsNullOrEmpty(forceColor) && forceColor != "0" && !forceColor.Equals("false", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.IsNullOrEmpty(noColor)) return false;
        return isTerminal;
    }

    /// <summary>For standard output, from the process's environment.</summary>
    public static bool ForStandardOutput() => Decide(!Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable(NoColorVariable), Environment.GetEnvironmentVariable(ForceColorVariable));

    /// <summary>A Spectre console writing to <paramref name="output"/> (standard output or a buffer bound for it),
    /// with escape codes only when <see cref="ForStandardOutput"/> says so.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter output)
    {
        var colour = ForStandardOutput();
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
    }
}
