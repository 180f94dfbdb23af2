using Akka.Actor;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.Storage;

namespace Supervisor.Actors.Persistence;

/// <summary>
/// How this node's journal is doing, for <c>supervisor status</c>: written by <see cref="ResilientSqlJournal"/> (writes
/// held in memory, failed reads, a journal that would not start) and by the node's start-up (a damaged journal moved
/// aside). One per actor system; thread-safe.
/// </summary>
public sealed class JournalHealth : IExtension
{
    public const string ConfigPath = "akka.persistence.journal.sql.supervisor";
    private readonly object _gate = new();
    private readonly List<string> _notices = [];
    private StorageFault? _writeFault;
    private int _held;
    private DateTimeOffset? _heldSince;
    private (string Message, StorageFaultKind? Kind, DateTimeOffset At)? _readFailure;
    private string? _startFailure;

    public JournalIdentity Journal { get; }

    public JournalHealth(ExtendedActorSystem system)
    {
        var config = system.Settings.Config;
        Journal = new JournalIdentity(config.GetString(ConfigPath + ".journal", "the journal"), config.GetString(ConfigPath + ".location", "the journal's storage"));
    }

    public static JournalHealth Get(ActorSystem system) => system.WithExtension<JournalHealth, JournalHealthProvider>();

    public void WritesHeld(StorageFault fault, int events, DateTimeOffset since)
    {
        lock (_gate) (_writeFault, _held, _heldSince) = (fault, events, since);
    }

    public void WritesCaughtUp()
    {
        lock (_gate) (_writeFault, _held, _heldSince) = (null, 0, null);
    }

    public void ReadFailed(string message, StorageFaultKind? kind, DateTimeOffset at)
    {
        lock (_gate) _readFailure = (message, kind, at);
    }

    public void ReadSucceeded()
    {
        lock (_gate) _readFailure = null;
    }

    public void StartFailed(string message)
    {
        lock (_gate) _startFailure = message;
    }

    public void Notice(string text)
    {
        lock (_gate) _notices.Add(text);
    }

    public PersistenceView View(string node)
    {
        lock (_gate)
        {
            var problems = new List<string>();
            string? fix = null;
            if (_startFailure is { } start)
            {
                problems.Add($"the journal could not start ({start}): groups, sagas and the agent cannot recover or record anything");
                fix = $"fix {Journal.Location} and restart the node";
            }
            if (_writeFault is { } write)
            {
                problems.Add($"{StorageFaults.Describe(write.Kind)} ({write.Message}): {_held} event(s) held in memory since {_heldSince:HH:mm:ss} and retried in order; " +
                             "shutdowns still run, but what is held is lost if this node stops first");
                fix ??= StorageFaults.Fix(write.Kind, Journal.Location);
            }
            if (_readFailure is { } read)
            {
                problems.Add($"reading failed at {read.At:HH:mm:ss} ({read.Message}): a group or saga that restarts cannot recover");
                fix ??= read.Kind is { } kind ? StorageFaults.Fix(kind, Journal.Location) : $"check {Journal.Location}";
            }
            var summary = problems.Count == 0 ? "ok" : "SUPERVISION IMPAIRED: " + string.Join("; ", problems);
            return new PersistenceView(node, Journal.Description, problems.Count > 0, summary, fix, _held, _heldSince, _notices.ToList());
        }
    }
}

public sealed class JournalHealthProvider : ExtensionIdProvider<JournalHealth>
{
    public override JournalHealth CreateExtension(ExtendedActorSystem system) => new(system);
}
