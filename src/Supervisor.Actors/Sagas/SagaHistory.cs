using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Supervisor.Domain.Sagas;

namespace Supervisor.Actors.Sagas;

/// <summary>
/// Every saga ever run, read back from the journal: a saga actor stops when it finishes, but its events stay,
/// and replaying them through <see cref="SagaRules"/> gives the full state — steps, outcomes, timings.
/// Runs on the node that owns the journal (the supervisor).
/// </summary>
public sealed class SagaHistory(ActorSystem system)
{
    private const string Prefix = "saga-";
    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
    private readonly IMaterializer _materializer = system.Materializer();

    public async Task<IReadOnlyList<SagaState>> ListAsync(CancellationToken ct)
    {
        var ids = await _journal.CurrentPersistenceIds().Where(id => id.StartsWith(Prefix, StringComparison.Ordinal))
            .RunWith(Sink.Seq<string>(), _materializer).WaitAsync(ct);
        var sagas = new List<SagaState>();
        foreach (var id in ids)
            if (await ReplayAsync(id[Prefix.Length..], ct) is { } saga) sagas.Add(saga);
        return sagas.OrderBy(s => s.StartedAt).ToList();
    }

    public Task<SagaState?> GetAsync(string sagaId, CancellationToken ct) => ReplayAsync(sagaId, ct);

    private async Task<SagaState?> ReplayAsync(string sagaId, CancellationToken ct)
    {
        var envelopes = await _journal.CurrentEventsByPersistenceId(ShutdownSagaActor.PersistenceIdFor(sagaId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer).WaitAsync(ct);
        if (envelopes.Count == 0) return null;
        return SagaRules.Replay(sagaId, envelopes.Select(e => e.Event).OfType<SagaEvent>());
    }
}
