using System.Text.Json;
using System.Text.Json.Serialization;
using Supervisor.Domain.Events;

namespace Supervisor.History.Store;

/// <summary>How a <see cref="FleetEvent"/> is stored: its common fields as columns, the whole record as JSON details.</summary>
public static class EventRows
{
    /// <summary>camelCase, enums as text, and nested abstract records (a group episode's change) written with all their fields.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(), new RuntimeTypeConverterFactory() },
    };

    public static string Details(FleetEvent e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    public static string SeverityText(EventSeverity s) => s.ToString().ToLowerInvariant();

    public static string SubjectKindText(SubjectKind k) => k.ToString().ToLowerInvariant();

    /// <summary>The saga an event belongs to: a saga's own progress, or the group episode that started or ended it.</summary>
    public static string? SagaId(FleetEvent e) => e switch
    {
        SagaProgressed s => s.SagaId,
        GroupEpisodeChanged g => g.SagaId,
        MutationRequested { About.Kind: SubjectKind.Saga } m => m.About.Id, // who aborted it, in `events --saga`
        _ => null,
    };

    /// <summary>
    /// System.Text.Json writes a property by its declared type, so an abstract one (<c>GroupEvent Change</c>) would lose
    /// its subclass's fields. This writes such values by their runtime type. Details are only written, never read back.
    /// </summary>
    private sealed class RuntimeTypeConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type t) => t.IsAbstract && t.IsClass;

        public override JsonConverter CreateConverter(Type t, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(RuntimeTypeConverter<>).MakeGenericType(t))!;
    }

    private sealed class RuntimeTypeConverter<T> : JsonConverter<T> where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("event details are stored for people and tools to read; they are not deserialized");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }
}
