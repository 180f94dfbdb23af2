namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// When the supervisor singleton (<c>/user/supervisor/singleton</c>) lived on each node, as conservative
/// bounds on one clock (all nodes run in the test process):
/// <list type="bullet">
/// <item><see cref="Lifetime.StartedAfter"/>: a local Identify sent at that time found no singleton, and the
/// next one found it — so it was created after this instant (a lower bound; MinValue if never seen absent).</item>
/// <item><see cref="Lifetime.StoppedBy"/>: the watcher's Terminated arrived (or the node's ActorSystem had
/// terminated) by then — so the singleton and all its children (groups, sagas) had stopped (an upper bound).</item>
/// </list>
/// Two lifetimes on different nodes that do not overlap under these bounds certainly did not overlap in fact.
/// </summary>
public sealed class SingletonTimeline
{
    public const string SingletonPath = ClusterNames.Fleet.SingletonPath;
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(20);
    private readonly object _gate = new();
    private readonly List<Lifetime> _lifetimes = [];

    public sealed record Lifetime(string Node, DateTime StartedAfter, DateTime SeenAt, DateTime? StoppedBy)
    {
        public bool Overlaps(Lifetime other) =>
            !((StoppedBy is { } s1 && s1 < other.StartedAfter) || (other.StoppedBy is { } s2 && s2 < StartedAfter));

        public override string ToString() =>
            $"{Node}: created after {Time(StartedAfter)}, seen {Time(SeenAt)}, stopped by {(StoppedBy is { } s ? Time(s) : "(still running)")}";

        private static string Time(DateTime t) => t == DateTime.MinValue ? "(before watching began)" : t.ToString("HH:mm:ss.fff");
    }

    /// <summary>Starts watching the singleton on this node (a system actor: it outlives the node's user actors).</summary>
    public void Watch(InProcessNode node)
    {
        ((ExtendedActorSystem)node.System).SystemActorOf(Props.Create(() => new Watcher(this, node.Name)), "test-singleton-watcher");
        node.Terminated.ContinueWith(t => Stopped(node.Name, t.Result), TaskScheduler.Default);
    }

    public IReadOnlyList<Lifetime> Lifetimes
    {
        get { lock (_gate) return _lifetimes.ToList(); }
    }

    public IReadOnlyList<Lifetime> On(string node) => Lifetimes.Where(l => l.Node == node).ToList();

    /// <summary>Every pair of lifetimes on different nodes, that overlap.</summary>
    public IReadOnlyList<(Lifetime, Lifetime)> Overlaps()
    {
        var all = Lifetimes;
        return all.SelectMany((a, i) => all.Skip(i + 1).Where(b => b.Node != a.Node && a.Overlaps(b)).Select(b => (a, b))).ToList();
    }

    public async Task<Lifetime> WaitForStartAsync(Func<Lifetime, bool> which, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Lifetimes.FirstOrDefault(which) is { } hit) return hit;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no matching singleton start within {timeout.TotalSeconds}s; lifetimes:\n{this}");
    }

    public override string ToString() => string.Join("\n", Lifetimes.Select(l => "  " + l));

    private void Started(string node, DateTime after, DateTime seen)
    {
        lock (_gate) _lifetimes.Add(new Lifetime(node, after, seen, null));
    }

    private void Stopped(string node, DateTime by)
    {
        lock (_gate)
        {
            var i = _lifetimes.FindLastIndex(l => l.Node == node);
            if (i >= 0 && _lifetimes[i].StoppedBy is null) _lifetimes[i] = _lifetimes[i] with { StoppedBy = by };
        }
    }

    /// <summary>Identifies the local singleton every 20 ms while there is none, and watches it once there is.</summary>
    private sealed class Watcher : ReceiveActor, IWithTimers
    {
        private sealed record Probe;

        private IActorRef? _current;
        private DateTime _absentAt = DateTime.MinValue;

        public ITimerScheduler Timers { get; set; } = null!;

        public Watcher(SingletonTimeline timeline, string node)
        {
            Receive<Probe>(_ => Context.ActorSelection(SingletonPath).Tell(new Identify(DateTime.UtcNow.Ticks)));
            Receive<ActorIdentity>(id =>
            {
                var sentAt = new DateTime((long)id.MessageId, DateTimeKind.Utc);
                if (id.Subject is null)
                {
                    _absentAt = sentAt;
                    Timers.StartSingleTimer("probe", new Probe(), ProbeEvery);
                    return;
                }
                _current = id.Subject;
                Context.Watch(_current);
                timeline.Started(node, _absentAt, DateTime.UtcNow);
            });
            Receive<Terminated>(t =>
            {
                if (!t.ActorRef.Equals(_current)) return;
                timeline.Stopped(node, DateTime.UtcNow);
                _current = null;
                _absentAt = DateTime.MinValue; // a successor found by the very next probe has no known lower bound
                Self.Tell(new Probe());
            });
        }

        protected override void PreStart() => Self.Tell(new Probe());
    }
}
