using Akka.Cluster;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// One Supervisor node hosted inside the test process, built exactly as <c>supervisor run</c> builds it
/// (<see cref="NodeConfigurationBuilder.Build"/> then <see cref="SupervisorNodeHost.Build"/>), so the actors,
/// the cluster.hocon fail-over tuning and the split-brain resolver are the production ones. Being in-process
/// lets a test cut the network between nodes (<see cref="NetworkPartition"/>) and compare timestamps taken on
/// one clock. Every log event of the node is kept (and echoed to the test output with the node's name).
/// </summary>
public sealed class InProcessNode
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private readonly ITestOutputHelper? _output;
    private readonly TaskCompletionSource<DateTime> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; }
    public IHost Host { get; private set; } = null!;
    public ActorSystem System { get; private set; } = null!;
    public Address Address { get; private set; } = null!;

    /// <summary>When the node's ActorSystem had terminated (e.g. after the split-brain resolver downed it).</summary>
    public Task<DateTime> Terminated => _terminated.Task;

    public sealed record LogLine(DateTime At, Akka.Event.LogLevel Level, string Source, string Message);

    private InProcessNode(string name, ITestOutputHelper? output)
    {
        Name = name;
        _output = output;
    }

    /// <summary>Called by the node as its actor system starts, before any actor: not one log line is missed.</summary>
    private void Attach(ActorSystem system)
    {
        var sink = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new LogSink(this)), "test-log-sink");
        system.EventStream.Subscribe(sink, typeof(LogEvent));
    }

    private void Started(IHost host)
    {
        Host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
        Address = Cluster.Get(System).SelfAddress;
        System.WhenTerminated.ContinueWith(_ => _terminated.TrySetResult(DateTime.UtcNow), TaskScheduler.Default);
    }

    /// <summary>Builds and starts the node; throws with every config error if it cannot start.</summary>
    public static async Task<InProcessNode> StartAsync(string name, NodeOptions options, ITestOutputHelper? output)
    {
        var result = NodeConfigurationBuilder.Build(options);
        if (result.Node is not { } node)
            throw new InvalidOperationException($"node {name}: config refused: {string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
        var self = new InProcessNode(name, output);
        var host = SupervisorNodeHost.Build(node, options, self.Attach);
        await host.StartAsync();
        self.Started(host);
        return self;
    }

    /// <summary>A cluster node of a scenario: one role, the given seeds, data in <c>data-NAME</c> under the scenario's directory.</summary>
    public static Task<InProcessNode> StartAsync(Scenario scenario, string name, string config, int port, string role, string[] seeds, ITestOutputHelper? output) =>
        StartAsync(name, new NodeOptions(ConfigFile: config, Port: port, Roles: [role], Seeds: seeds, DataDir: Path.Combine(scenario.Dir, "data-" + name)), output);

    public bool IsTerminated => _terminated.Task.IsCompleted;

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public int Count(string pattern) => _lines.Count(l => Regex.IsMatch(l.Message, pattern));

    public string Tail(int n = 40) => string.Join("\n", _lines.TakeLast(n).Select(Format));

    /// <summary>Members this node sees as Up (its own view of the cluster).</summary>
    public int UpMembers() => Cluster.Get(System).State.Members.Count(m => m.Status == MemberStatus.Up);

    /// <summary>Stops the host (a graceful leave if the node is still a member); never throws.</summary>
    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(StopTimeout);
        try { await Host.StopAsync(cts.Token); }
        catch (Exception e) { Write($"[{Name}] host stop: {e.GetType().Name}: {e.Message}"); }
        try { await Terminated.WaitAsync(StopTimeout); }
        catch (TimeoutException) { Write($"[{Name}] ActorSystem still running {StopTimeout.TotalSeconds}s after the host stopped"); }
        Host.Dispose();
    }

    private void Add(LogEvent e)
    {
        var line = new LogLine(e.Timestamp, e.LogLevel(), e.LogSource, e.Message?.ToString() ?? "");
        _lines.Enqueue(line);
        Write($"[{Name}] {Format(line)}");
    }

    private static string Format(LogLine l) => $"{l.At:HH:mm:ss.fff} {l.Level.ToString().Replace("Level", "").ToUpperInvariant()} {l.Message}";

    private void Write(string text)
    {
        try { _output?.WriteLine(text); } catch (InvalidOperationException) { /* the test already finished */ }
    }

    /// <summary>A system actor, so it keeps listening while the node's user actors stop.</summary>
    private sealed class LogSink : ReceiveActor
    {
        public LogSink(InProcessNode node) => Receive<LogEvent>(node.Add);
    }
}
