using Supervisor.Domain.Text;

namespace Supervisor.Node.Cli;

/// <summary>How config errors and warnings are printed: one line each, HOCON path first; values quoted from the file are escaped (<see cref="ForeignText"/>).</summary>
internal static class ConfigReport
{
    public static void PrintErrors(IReadOnlyList<ConfigError> errors, string file, TextWriter to)
    {
        to.WriteLine($"{ForeignText.Escape(file)}: {errors.Count} error(s):");
        foreach (var e in errors) to.WriteLine($"  error: {ForeignText.Escape(e.ToString())}");
    }

    public static void PrintWarnings(IReadOnlyList<ConfigError> warnings, TextWriter to)
    {
        foreach (var w in warnings) to.WriteLine($"  warning: {ForeignText.Escape(w.ToString())}");
    }
}
