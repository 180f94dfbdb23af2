using Supervisor.Domain.Storage;

namespace Supervisor.Actors.Persistence;

/// <summary>What <see cref="ResilientSqlJournal"/> tells the operator: which journal, what is wrong, what it means for shutdowns, the fix.</summary>
internal static class JournalMessages
{
    public static string WritesHeld(JournalIdentity journal, StorageFault fault, int events) =>
        $"Persistence IMPAIRED: {journal.Description}: {StorageFaults.Describe(fault.Kind)} ({fault.Message}). Writes are held in memory ({events} event(s) " +
        "so far) and retried in order, so groups, sagas and the agent carry on and a shutdown still runs; what is held is lost if this node stops " +
        $"before the journal takes it. Fix: {StorageFaults.Fix(fault.Kind, journal.Location)}";

    public static string StillHeld(JournalIdentity journal, StorageFault fault, int events, DateTimeOffset? since, TimeSpan retryIn) =>
        $"Persistence still impaired: {events} event(s) held in memory since {since?.ToLocalTime():HH:mm:ss}, next try in {retryIn.TotalSeconds:0}s " +
        $"({journal.Description}: {StorageFaults.Describe(fault.Kind)}). Fix: {StorageFaults.Fix(fault.Kind, journal.Location)}";

    public static string Restored(JournalIdentity journal, int events) =>
        $"Persistence restored: {journal.Description} took the {events} event(s) that were held in memory";

    public static string Fenced(string persistenceId, int dropped, string error) =>
        $"Persistence: {dropped} event(s) held in memory for {persistenceId} could not be written ({error}): another writer (a node that took over?) " +
        "owns those sequence numbers. They are dropped and the actor restarts from the journal at its next write";

    public static string ReadFailed(JournalIdentity journal, StorageFault? fault, string message, string persistenceId) =>
        $"Persistence IMPAIRED: {journal.Description} cannot be read ({message}), so {persistenceId} (and any group, saga or agent that restarts) " +
        $"cannot recover. Fix: {(fault is null ? $"check {journal.Location}" : StorageFaults.Fix(fault.Kind, journal.Location))}";

    public static string StartFailed(JournalIdentity journal, string why) =>
        $"Persistence IMPAIRED: {journal.Description} could not start ({why}): no group, saga or agent can recover or record anything, so this node " +
        $"SUPERVISES NOTHING until it is fixed. Fix {journal.Location}, then restart the node";

    public static string Lost(JournalIdentity journal, int events, DateTimeOffset? since) =>
        $"Persistence: stopping with {events} event(s) never written to {journal.Description}; they are lost (episodes, saga steps or agent records " +
        $"since {since?.ToLocalTime():HH:mm:ss})";
}
