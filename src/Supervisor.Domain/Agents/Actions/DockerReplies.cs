using System.Text.Json;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>A container as <c>GET /containers/json</c> lists it: its id, its first name (without the leading '/') and its state.</summary>
public sealed record DockerContainer(string Id, string Name, string State);

/// <summary>
/// Reads the Docker Engine API's JSON replies (https://docs.docker.com/reference/api/engine/version/v1.57/ —
/// ContainerList, ContainerInspect, and the ErrorResponse <c>{"message": …}</c> every error carries). Only the fields
/// used here are read; anything else in the reply is ignored, so newer engines keep working.
/// </summary>
public static class DockerReplies
{
    /// <summary><c>GET /containers/json</c>: an array of <c>{"Id": …, "Names": ["/web"], "State": "running", …}</c>.</summary>
    public static Parsed<IReadOnlyList<DockerContainer>> ContainerList(string json) => Read(json, "the container list", root =>
    {
        if (root.ValueKind != JsonValueKind.Array) return Parsed<IReadOnlyList<DockerContainer>>.Bad("the container list is not a JSON array");
        var list = new List<DockerContainer>();
        foreach (var c in root.EnumerateArray())
        {
            if (c.ValueKind != JsonValueKind.Object || !c.TryGetProperty("Id", out var id) || id.ValueKind != JsonValueKind.String)
                return Parsed<IReadOnlyList<DockerContainer>>.Bad("an entry of the container list has no Id");
            var name = c.TryGetProperty("Names", out var names) && names.ValueKind == JsonValueKind.Array && names.GetArrayLength() > 0
                       && names[0].ValueKind == JsonValueKind.String
                ? names[0].GetString()!.TrimStart('/')
                : id.GetString()!;
            var state = c.TryGetProperty("State", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            list.Add(new DockerContainer(id.GetString()!, name, state));
        }
        return Parsed<IReadOnlyList<DockerContainer>>.Ok(list);
    });

    /// <summary><c>GET /containers/{id}/json</c>: whether <c>State.Running</c> is true.</summary>
    public static Parsed<bool> Running(string json) => Read(json, "the container's state", root =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("State", out var state) && state.ValueKind == JsonValueKind.Object
        && state.TryGetProperty("Running", out var running) && running.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? Parsed<bool>.Ok(running.GetBoolean())
            : Parsed<bool>.Bad("the container's state has no State.Running"));

    /// <summary>The engine's own words from an error reply (<c>{"message": "No such container: x"}</c>), else the body's start.</summary>
    public static string ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                return Text.ForeignText.Escape(m.GetString()!);
        }
        catch (JsonException) { /* not JSON: the raw start below says what came */ }
        return Snippet(body);
    }

    internal static string Snippet(string body)
    {
        var trimmed = body.Trim();
        return trimmed.Length == 0 ? "(empty reply)" : Text.ForeignText.Escape(trimmed.Length > 120 ? trimmed[..120] + "…" : trimmed);
    }

    internal static Parsed<T> Read<T>(string json, string what, Func<JsonElement, Parsed<T>> read)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return read(doc.RootElement);
        }
        catch (JsonException)
        {
            return Parsed<T>.Bad($"{what} is not JSON: {Snippet(json)}");
        }
    }
}
