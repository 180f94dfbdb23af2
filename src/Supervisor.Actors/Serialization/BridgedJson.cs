using System.Runtime.Serialization;
using System.Text.Json;
using Supervisor.Actors.Events;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Serialization;

/// <summary>
/// Wire form of <see cref="BridgedFleetEvent"/>: <c>{"origin": …, "manifest": …, "event": {…}}</c>. The inner event is
/// typed by its own manifest, because its C# type (an abstract <see cref="FleetEvent"/>) says nothing on its own.
/// </summary>
internal static class BridgedJson
{
    public readonly record struct Inner(byte[] Bytes, string Manifest);

    public static byte[] Write(BridgedFleetEvent b, string innerManifest)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("origin", b.Origin);
            w.WriteString("manifest", innerManifest);
            w.WritePropertyName("event");
            JsonSerializer.Serialize(w, b.Event, b.Event.GetType(), SupervisorSerializer.Json);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static BridgedFleetEvent Read(byte[] bytes, Func<Inner, object> readInner)
    {
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        var origin = root.GetProperty("origin").GetString() ?? throw new SerializationException("bridged event without origin");
        var manifest = root.GetProperty("manifest").GetString() ?? throw new SerializationException("bridged event without manifest");
        var inner = readInner(new Inner(JsonSerializer.SerializeToUtf8Bytes(root.GetProperty("event")), manifest));
        return new BridgedFleetEvent(origin, inner as FleetEvent
            ?? throw new SerializationException($"bridged event's manifest \"{manifest}\" is not a fleet event"));
    }
}
