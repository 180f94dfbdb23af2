namespace Supervisor.Domain;

/// <summary>
/// Marker for records that go into the journal. The actors' serializer binds to it and gives each type an
/// explicit short manifest, so renaming a C# type never breaks recovery of an old journal.
/// </summary>
public interface IPersistedEvent;
