using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Akka logger for operators: one line per event, "HH:mm:ss.fff LEVEL message". Supervisor's own actors
/// already name their subject ("Device ups-a: …", "Saga rack-a-1: …"), so the actor path is left out for
/// them; Akka's internal sources (cluster, remoting) keep a short [source] tag. Errors go to stderr.
/// </summary>
public sealed class ConsoleLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public ConsoleLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    private static void Write(LogEvent e)
    {
        var level = e.LogLevel() switch
        {
            LogLevel.ErrorLevel => "ERROR",
            LogLevel.WarningLevel => "WARN ",
            LogLevel.InfoLevel => "INFO ",
            _ => "DEBUG",
        };
        var source = IsOurs(e.LogSource) ? "" : $"[{ShortSource(e.LogSource)}] ";
        var cause = e is Error { Cause: { } ex } ? $" — {ex.GetType().Name}: {ex.Message}" : "";
        var line = $"{e.Timestamp.ToLocalTime():HH:mm:ss.fff} {level} {source}{e.Message}{cause}";
        (e is Error ? Console.Error : Console.Out).WriteLine(line);
    }

    private static bool IsOurs(string source) => source.Contains("/user/", StringComparison.Ordinal);

    private static string ShortSource(string source)
    {
        var paren = source.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0) return source[..paren];
        var slash = source.LastIndexOf('/');
        return slash >= 0 && slash < source.Length - 1 ? source[(slash + 1)..] : source;
    }
}
