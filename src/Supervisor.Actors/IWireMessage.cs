namespace Supervisor.Actors;

/// <summary>
/// Marker for messages that cross node boundaries (saga ↔ agent, CLI ↔ inspector). Bound to
/// <see cref="Serialization.SupervisorSerializer"/> with explicit manifests, like persisted events.
/// </summary>
public interface IWireMessage;
