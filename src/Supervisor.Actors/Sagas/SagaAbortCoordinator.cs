using Akka.Actor;
using Supervisor.Actors.Inspection;
using Supervisor.Actors.Supervision;

namespace Supervisor.Actors.Sagas;

/// <summary>
/// What the fleet root does with a <see cref="SagaAbortRequest"/>: the journal says whether the saga exists, is still
/// running, and which group owns it; that group's saga then journals the abort and answers.
/// </summary>
internal sealed class SagaAbortCoordinator(Func<string, Task<object>> readSaga, IActorContext context)
{
    private static readonly TimeSpan GroupTimeout = TimeSpan.FromSeconds(3); // the saga answers once journaled; below the inspector's 4 s + hop

    /// <summary>A <see cref="SagaAbortResult"/>, or <see cref="InspectionFailed"/> when the journal or the group could not answer.</summary>
    public async Task<object> AbortAsync(SagaAbortRequest request)
    {
        var read = await readSaga(request.SagaId);
        if (read is not SagaDetailView detail) return read;
        if (SagaAbortCheck.Refusal(detail) is { } refused) return refused;
        var group = detail.Saga!.GroupId;
        var child = context.Child(SupervisorRootActor.GroupChildName(group));
        if (child.IsNobody()) return new InspectionFailed($"group {group} of saga {request.SagaId} is not running on this node (restarting?); try again");
        try
        {
            return await child.Ask<SagaAbortResult>(new AbortSaga(request.SagaId, request.By), GroupTimeout);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return new InspectionFailed($"group {group} did not confirm the abort of saga {request.SagaId} within {GroupTimeout.TotalSeconds:0}s; " +
                                        "`supervisor sagas show` tells whether it was journaled");
        }
    }
}
