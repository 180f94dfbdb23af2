using Supervisor.Domain.Groups;

namespace Supervisor.Actors.Sagas;

/// <summary>Saga → its group (parent): the saga finished. Sent again after a recovery that finds it finished, so the group never misses it.</summary>
public sealed record SagaEnded(string SagaId, SagaOutcome Outcome, string Reason);

/// <summary>Timer tick of a running saga.</summary>
internal sealed record SagaTimerTick
{
    public static SagaTimerTick Instance { get; } = new();
}
