using Akka.Event;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Which lines of the log bus the node prints (issue 14, logs a person can read). The supervisor's own lines always;
/// Akka's own (its remoting, cluster, singleton and persistence classes) only from <c>supervisor.log.akka-level</c> up,
/// so the default log tells the fleet's story and keeps the warnings and errors that matter.
/// </summary>
public static class AkkaLogFilter
{
    /// <summary>
    /// Akka warnings that are known to be false or harmless, counted as INFO: the singleton proxy warns "after 30
    /// seconds" a fraction of a second after start-up and again while the node leaves, whenever the singleton is still
    /// being started or handed over. A supervisor that is really missing is told by our own lines (the agent's
    /// "no supervisor heard for …", <c>status</c>).
    /// </summary>
    private static readonly string[] HarmlessWarnings = ["ClusterSingletonProxy failed to find an associated singleton"];

    /// <summary>Whether a line from <paramref name="logClass"/> at <paramref name="level"/> is printed.</summary>
    public static bool Shows(Type? logClass, string logSource, LogLevel level, string message, AkkaLogLevel akkaLevel)
    {
        if (!IsAkkas(logClass, logSource)) return true;
        if (akkaLevel == AkkaLogLevel.Off) return false;
        var effective = level == LogLevel.WarningLevel && HarmlessWarnings.Any(h => message.Contains(h, StringComparison.Ordinal))
            ? LogLevel.InfoLevel : level;
        return Rank(effective) >= (int)akkaLevel;
    }

    /// <summary>
    /// Akka's own classes log from Akka namespaces; ours from Supervisor ones, or through a logger named "supervisor"
    /// (whose class Akka fills in with one of its own placeholders).
    /// </summary>
    private static bool IsAkkas(Type? logClass, string logSource) =>
        logSource != "supervisor" && logClass?.Namespace is { } ns && (ns == "Akka" || ns.StartsWith("Akka.", StringComparison.Ordinal));

    private static int Rank(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => (int)AkkaLogLevel.Debug,
        LogLevel.InfoLevel => (int)AkkaLogLevel.Info,
        LogLevel.WarningLevel => (int)AkkaLogLevel.Warning,
        _ => (int)AkkaLogLevel.Error,
    };
}
