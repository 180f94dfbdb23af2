using Akka.Actor;
using Supervisor.Actors.Sagas;
using Supervisor.Domain.Sagas;

namespace Supervisor.Actors.Inspection;

/// <summary>
/// Sagas for the inspector, read back from the journal (any supervisor node reads the same one): each read bounded by a
/// timeout, a failure answered as <see cref="InspectionFailed"/> naming what could not be read.
/// </summary>
internal sealed class SagaInspection(ActorSystem system)
{
    private static readonly TimeSpan JournalTimeout = TimeSpan.FromSeconds(3);

    // Built on first use: the read journal is only needed when someone asks about sagas.
    private readonly Lazy<SagaHistory> _history = new(() => new SagaHistory(system));

    /// <summary>A <see cref="SagaListView"/>, or <see cref="InspectionFailed"/>.</summary>
    public async Task<object> ListAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(JournalTimeout);
            return new SagaListView((await _history.Value.ListAsync(cts.Token)).Select(SagaViews.Summary).ToList());
        }
        catch (Exception e)
        {
            return new InspectionFailed($"could not read sagas from the journal: {e.Message}");
        }
    }

    /// <summary>
    /// A <see cref="SagaDetailView"/> for an id, <c>latest</c> or a unique prefix of an id (<see cref="SagaIdLookup"/>), or
    /// <see cref="InspectionFailed"/> (also for a prefix that names several sagas, listing them). An exact id is one replay;
    /// only the others read every saga.
    /// </summary>
    public async Task<object> DetailAsync(string sagaId)
    {
        try
        {
            using var cts = new CancellationTokenSource(JournalTimeout);
            if (sagaId != SagaIdLookup.Latest && await _history.Value.GetAsync(sagaId, cts.Token) is { } exact) return SagaViews.Detail(sagaId, exact);
            var all = await _history.Value.ListAsync(cts.Token);
            return SagaIdLookup.Resolve(sagaId, all.Select(s => (s.SagaId, s.StartedAt)).ToList()) switch
            {
                SagaIdMatch.One one => SagaViews.Detail(one.SagaId, all.First(s => s.SagaId == one.SagaId)),
                SagaIdMatch.Several several => new InspectionFailed(
                    $"saga id \"{sagaId}\" names {several.SagaIds.Count} sagas ({string.Join(", ", several.SagaIds)}); give more of the id"),
                _ => SagaViews.Detail(sagaId, null),
            };
        }
        catch (Exception e)
        {
            return new InspectionFailed($"could not read saga {sagaId} from the journal: {e.Message}");
        }
    }
}
