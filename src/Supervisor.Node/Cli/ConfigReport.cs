using Supervisor.Domain.Configuration;

namespace Supervisor.Node.Cli;

/// <summary>How config errors and warnings are printed: one line each, HOCON path first.</summary>
internal static class ConfigReport
{
    public static void PrintErrors(IReadOnlyList<ConfigError> errors, string file, TextWriter to)
    {
        to.WriteLine($"{file}: {errors.Count} error(s):");
        foreach (var e in errors) to.WriteLine($"  error: {e}");
    }

    public static void PrintWarnings(IReadOnlyList<ConfigError> warnings, TextWriter to)
    {
        foreach (var w in warnings) to.WriteLine($"  warning: {w}");
    }
}
