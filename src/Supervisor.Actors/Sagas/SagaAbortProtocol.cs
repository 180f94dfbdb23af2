using Supervisor.Actors.Groups;
using Supervisor.Actors.Inspection;

namespace Supervisor.Actors.Sagas;

// Aborting a running saga: `supervisor sagas abort` and POST /api/v1/sagas/{id}/abort → inspector → the fleet (singleton
// root, or the partition that holds the saga's group) → the group → its saga, which journals SagaAborted as power
// returning does.

/// <summary>CLI/API → inspector → fleet: abort saga <paramref name="SagaId"/>.</summary>
/// <param name="By">Who asks: journaled in the abort's reason, logged, and in the saga's event.</param>
public sealed record SagaAbortRequest(string SagaId, string By) : IWireMessage, IPartitionAddressed
{
    public int? Partition { get; init; }
}

public enum SagaAbortOutcome { Aborted, NotFound, AlreadyEnded }

/// <summary>The answer: aborted (journaled), no such saga, or one that had already ended.</summary>
/// <param name="State">The saga's status afterwards (ABORTED, COMPLETED), null when there is no such saga.</param>
public sealed record SagaAbortResult(SagaAbortOutcome Outcome, string Message, string? State) : IWireMessage;

/// <summary>Fleet root → group → saga actor: abort now. Answered with a <see cref="SagaAbortResult"/> once journaled.</summary>
internal sealed record AbortSaga(string SagaId, string By);

/// <summary>What the journal says before anyone is asked: a saga that is not there or not running is answered at once.</summary>
internal static class SagaAbortCheck
{
    public static SagaAbortResult? Refusal(SagaDetailView detail) => detail.Saga switch
    {
        null => new(SagaAbortOutcome.NotFound, $"no saga \"{detail.SagaId}\" in the journal; `supervisor sagas list` shows the ids", null),
        { Status: "RUNNING" } => null,
        var s => Ended(s.SagaId, s.Status, s.EndReason),
    };

    public static SagaAbortResult Ended(string sagaId, string status, string? reason) =>
        new(SagaAbortOutcome.AlreadyEnded, $"saga {sagaId} already ended: {status}{(reason is { Length: > 0 } ? $" ({reason})" : "")}; there is nothing to abort", status);
}
