using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Events;

/// <summary>
/// Marker for every fact the core publishes to its consumers (history, alerts, notifier, live feeds, metrics,
/// MQTT, the NUT facade). Facts are immutable records, published once by the actor that knows them and never
/// sent back: a consumer cannot reach into a device, a group or a saga. The actors' serializer binds to this
/// marker with an explicit manifest per type, so facts cross nodes like any other wire message.
/// </summary>
public interface IFleetFact
{
    /// <summary>When the fact happened (the producer's clock).</summary>
    DateTimeOffset At { get; }
}

/// <summary>
/// One device after one poll (or a staleness check that changed its health): the reading, if the poll succeeded,
/// and the health the device actor derived. Topic <see cref="ClusterNames.Topics.Readings"/>.
/// </summary>
/// <param name="Reading">Null when the poll failed (then <paramref name="PollError"/> says why).</param>
/// <param name="PollError">The failed poll's operator message; null after a success.</param>
public sealed record DeviceSampled(
    string DeviceId,
    string Driver,
    Reading? Reading,
    DeviceHealth Health,
    string HealthReason,
    string? PollError,
    DateTimeOffset At) : IFleetFact;

/// <summary>
/// A group's quorum at one moment: how many members count as healthy against <c>min-healthy</c>, and its state.
/// Published when any of these change. Topic <see cref="ClusterNames.Topics.Readings"/>.
/// </summary>
/// <param name="RuntimeSeconds">The group's remaining-runtime estimate, if its members report one.</param>
public sealed record GroupSampled(
    string GroupId,
    GroupState State,
    int Healthy,
    int MinHealthy,
    int Members,
    double? RuntimeSeconds,
    DateTimeOffset At) : IFleetFact;
