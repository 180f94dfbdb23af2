using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Supervisor.Domain.Text;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Akka logger for operators: one line per event, "HH:mm:ss.fff LEVEL message". Supervisor's own actors
/// already name their subject ("Device ups-a: …", "Saga rack-a-1: …"), so the actor path is left out for
/// them; Akka's internal sources (cluster, remoting) keep a short [source] tag and show only from
/// <c>supervisor.log.akka-level</c> up (<see cref="AkkaLogFilter"/>). Errors go to stderr.
/// Every line is the choke point for foreign text (device replies, config values, command output, exception
/// messages quoting them): configured secrets are masked (<see cref="Redactor"/>) and control, line-break and bidi
/// characters escaped (<see cref="ForeignText"/>), so one event is always exactly one line and cannot recolour the
/// terminal. None of Supervisor's own messages relies on a line break.
/// </summary>
public sealed class ConsoleLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>
    /// The node's secrets, set once before the actor system starts: Akka creates loggers by type, so there is no
    /// constructor to hand it to. Until then (and in processes that never set it) nothing is masked, only escaped.
    /// </summary>
    public static SecretRedactor Redactor { get; set; } = SecretRedactor.None;

    /// <summary>From which level Akka's own lines are printed (<c>supervisor.log.akka-level</c>); set with <see cref="Redactor"/>.</summary>
    public static AkkaLogLevel AkkaLevel { get; set; } = LogSettings.Default.AkkaLevel;

    public ConsoleLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    private static void Write(LogEvent e)
    {
        if (!AkkaLogFilter.Shows(e.LogClass, e.LogSource, e.LogLevel(), e.Message?.ToString() ?? "", AkkaLevel)) return;
        var level = e.LogLevel() switch
        {
            LogLevel.ErrorLevel => "ERROR",
            LogLevel.WarningLevel => "WARN ",
            LogLevel.InfoLevel => "INFO ",
            _ => "DEBUG",
        };
        var source = IsOurs(e.LogSource) ? "" : $"[{ShortSource(e.LogSource)}] ";
        var cause = e is Error { Cause: { } ex } ? $" — {ex.GetType().Name}: {ex.Message}" : "";
        var text = Redactor.Clean($"{source}{e.Message}{cause}");
        var line = $"{e.Timestamp.ToLocalTime():HH:mm:ss.fff} {level} {text}";
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
