using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace Supervisor.History.Tests.Writer;

/// <summary>An actor system with the writer's log lines collected, and helpers to wait on its counters.</summary>
public abstract class WriterTestKit(ITestOutputHelper output) : TestKit("akka.loglevel = INFO", output: output)
{
    protected static readonly StatsWriterTimings Fast = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromHours(1));
    protected readonly ConcurrentQueue<LogEvent> Logs = new();

    protected static StatsSettings Settings(int queue, int batch) =>
        StatsSettings.Default with { QueueSize = queue, BatchSize = batch, FlushInterval = TimeSpan.FromMilliseconds(50) };

    /// <summary>Starts the writer and returns once it has answered (so it has subscribed to the event stream).</summary>
    protected async Task<IActorRef> StartWriterAsync(IHistoryBackend backend, StatsSettings settings)
    {
        var logs = Logs;
        var collector = Sys.ActorOf(Props.Create(() => new LogCollector(logs)));
        await collector.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(3));
        var writer = Sys.ActorOf(StatsWriterActor.Props(backend, settings, Fast));
        await Status(writer);
        return writer;
    }

    protected int LogCount(LogLevel level, string contains) =>
        Logs.Count(l => l.LogLevel() == level && l.Message.ToString()!.Contains(contains, StringComparison.Ordinal));

    protected static async Task<HistoryStatus> Status(IActorRef writer) => await writer.Ask<HistoryStatus>(GetHistoryStatus.Instance, TimeSpan.FromSeconds(3));

    protected static async Task<HistoryStatus> Until(IActorRef writer, Func<HistoryStatus, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        HistoryStatus s;
        do
        {
            s = await Status(writer);
            if (condition(s)) return s;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"waited {timeout} for {what}; last status {s}");
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<LogEvent> logs)
        {
            Context.System.EventStream.Subscribe(Self, typeof(LogEvent));
            Receive<LogEvent>(logs.Enqueue);
        }
    }
}
