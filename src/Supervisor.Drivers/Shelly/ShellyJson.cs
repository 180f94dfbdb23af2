using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Supervisor.Drivers.Shelly;

/// <summary>
/// Small, non-throwing JSON helpers for the Shelly parsers. Every problem comes back as text that names the
/// field by its JSON path (<c>meters[0].power</c>), because that is what an operator can compare with
/// <c>curl http://plug/status</c>.
/// </summary>
internal static class ShellyJson
{
    /// <summary>How much of an unexpected body goes into a message.</summary>
    public const int MaxShown = 80;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>Parses a whole body into a document, or says (in operator terms) what the body was instead of JSON.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> body, out string? error)
    {
        error = null;
        // JsonDocument checks UTF-8 only when a string is read (and then throws), so check it all up front.
        if (!Utf8.IsValid(body.Span))
        {
            error = $"bytes that are not valid UTF-8 text ({Show(body.Span)}), so not JSON";
            return null;
        }
        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            error = DescribeNonJson(body.Span, ex);
            return null;
        }
    }

    private static string DescribeNonJson(ReadOnlySpan<byte> body, Exception ex)
    {
        var trimmed = body.Trim("\t\r\n \uFEFF"u8);
        if (trimmed.IsEmpty) return "an empty body instead of JSON";
        if (trimmed[0] == (byte)'<')
            return $"HTML instead of JSON ({Show(trimmed)}); is this the Shelly itself, and not a router, proxy or login page?";
        var reason = ex.Message.Length > 120 ? ex.Message[..120] + "…" : ex.Message;
        return $"text that is not JSON ({Show(trimmed)}): {reason}";
    }

    /// <summary>The body as a short quoted string for messages: control characters replaced, long bodies cut.</summary>
    public static string Show(ReadOnlySpan<byte> body)
    {
        var cut = body.Length > MaxShown ? body[..MaxShown] : body;
        var text = Encoding.UTF8.GetString(cut);
        var clean = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text) clean.Append(char.IsControl(ch) ? ' ' : ch);
        return clean.Append(body.Length > MaxShown ? "…\"" : "\"").ToString();
    }

    /// <summary>The JSON kind in words, for "is X, not a number" messages.</summary>
    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the text {Quote(e.GetString())}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        _ => e.ValueKind.ToString(),
    };

    private static string Quote(string? s)
    {
        s ??= "";
        var cut = s.Length > 40 ? s[..40] + "…" : s;
        return "\"" + new string(cut.Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray()) + "\"";
    }

    /// <summary>A property, or null when absent or JSON <c>null</c> (Gen2 sends null for values it does not know).</summary>
    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A finite number; null when absent. A present value of another type (or out of range) is a problem.</summary>
    public static double? Number(JsonElement obj, string name, string path, out string? problem)
    {
        problem = null;
        if (Property(obj, name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        problem = v.ValueKind == JsonValueKind.Number
            ? $"{path} is {Describe(v)}, out of range"
            : $"{path} is {Describe(v)}, not a number";
        return null;
    }

    /// <summary>A boolean; null when absent. A present value of another type is a problem.</summary>
    public static bool? Bool(JsonElement obj, string name, string path, out string? problem)
    {
        problem = null;
        if (Property(obj, name) is not { } v) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        problem = $"{path} is {Describe(v)}, not true or false";
        return null;
    }

    /// <summary>A string; null when absent or of another type.</summary>
    public static string? String(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>Item <paramref name="index"/> of the array <paramref name="name"/>; null when either is missing.</summary>
    public static JsonElement? Item(JsonElement obj, string name, int index) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Array } a && index >= 0 && index < a.GetArrayLength() ? a[index] : null;

    /// <summary>Length of the array <paramref name="name"/>; null when it is missing or not an array.</summary>
    public static int? Count(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : null;

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
