using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Supervisor.Drivers.Kasa;

/// <summary>
/// Pure parsing of Kasa replies (decrypted JSON). Nothing here throws on bad input: malformed JSON, missing
/// sections and device errors all become a failed <see cref="KasaResult{T}"/> whose message quotes the reply.
/// </summary>
public static class KasaReplyParser
{
    /// <summary>Longest reply text shown back in an error; replies can be arbitrarily long garbage.</summary>
    private const int ShownLength = 160;

    /// <summary>Real replies nest 6 deep (sysinfo → children → next_action); anything far deeper is not Kasa.</summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decrypts a reply payload (without its length header) and decodes it as strict UTF-8 text.</summary>
    public static KasaResult<string> DecodePayload(ReadOnlySpan<byte> cipher)
    {
        if (cipher.IsEmpty) return KasaResult<string>.Fail("empty reply (length 0)");
        var plain = KasaCipher.Decrypt(cipher);
        try
        {
            return KasaResult<string>.Ok(StrictUtf8.GetString(plain));
        }
        catch (DecoderFallbackException)
        {
            // Not Kasa JSON: show what the bytes were before decryption too (an HTTP or TLS server gives itself away).
            return KasaResult<string>.Fail(
                $"reply is not Kasa-encrypted JSON (decrypted bytes are not UTF-8; raw starts {ShowBytes(cipher)})");
        }
    }

    /// <summary>Reads <c>system.get_sysinfo</c>: model, alias, relay state and a strip's children.</summary>
    public static KasaResult<KasaSysInfo> ParseSysInfo(string? json) => WithMethod(json, "system", "get_sysinfo", info =>
    {
        var warnings = new List<string>();
        var children = new List<KasaChild>();
        if (info.TryGetProperty("children", out var kids) && kids.ValueKind != JsonValueKind.Null)
        {
            if (kids.ValueKind != JsonValueKind.Array)
                return KasaResult<KasaSysInfo>.Fail($"get_sysinfo children is not a list: {Show(kids.GetRawText())}");
            var index = 0;
            foreach (var kid in kids.EnumerateArray())
            {
                if (kid.ValueKind != JsonValueKind.Object || Text(kid, "id") is not { Length: > 0 } id)
                    return KasaResult<KasaSysInfo>.Fail($"get_sysinfo child #{index} has no id: {Show(kid.GetRawText())}");
                children.Add(new KasaChild(id, Text(kid, "alias"), Switch(kid, "state", $"child {id} state", warnings)));
                index++;
            }
        }
        var feature = Text(info, "feature");
        return KasaResult<KasaSysInfo>.Ok(new KasaSysInfo(
            Model: Text(info, "model"),
            Alias: Text(info, "alias"),
            DeviceId: Text(info, "deviceId"),
            RelayOn: Switch(info, "relay_state", "relay_state", warnings),
            HasEmeter: feature?.Split(':').Contains("ENE", StringComparer.OrdinalIgnoreCase),
            Children: children,
            Warnings: warnings));
    });

    /// <summary>
    /// Reads <c>emeter.get_realtime</c> in either unit style: V/A/W/kWh floats (HS110 v1) or integer
    /// <c>voltage_mv/current_ma/power_mw/total_wh</c> (HS110 v2+, KP115, HS300). Power is required; the rest optional.
    /// </summary>
    public static KasaResult<KasaRealtime> ParseRealtime(string? json) => WithMethod(json, "emeter", "get_realtime", rt =>
    {
        var warnings = new List<string>();
        double? Pick(string si, string milli)
        {
            if (rt.TryGetProperty(si, out _)) return Number(rt, si, 1, warnings);
            return Number(rt, milli, 1000, warnings);
        }

        var watts = Pick("power", "power_mw");
        if (watts is null)
            return KasaResult<KasaRealtime>.Fail(
                $"get_realtime has no usable power (power or power_mw): {Show(rt.GetRawText())}" +
                (warnings.Count > 0 ? $" ({string.Join("; ", warnings)})" : ""));
        return KasaResult<KasaRealtime>.Ok(new KasaRealtime(
            watts.Value, Pick("voltage", "voltage_mv"), Pick("current", "current_ma"), Pick("total", "total_wh"), warnings));
    });

    /// <summary>Quotes reply text for an error message: shortened, control characters made visible.</summary>
    public static string Show(string? text)
    {
        text ??= "";
        var sb = new StringBuilder("\"");
        foreach (var c in text.Length > ShownLength ? text[..ShownLength] : text)
            sb.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        sb.Append('"');
        if (text.Length > ShownLength) sb.Append($"… ({text.Length} chars)");
        return sb.ToString();
    }

    /// <summary>
    /// Parses the reply, finds <c>module.method</c>, checks both levels' <c>err_code</c> (an unsupported module
    /// answers at module level: <c>"emeter":{"err_code":-1,…}</c>), then hands the method object to <paramref name="read"/>.
    /// </summary>
    private static KasaResult<T> WithMethod<T>(string? json, string module, string method, Func<JsonElement, KasaResult<T>> read)
    {
        if (string.IsNullOrWhiteSpace(json)) return KasaResult<T>.Fail("empty reply");
        JsonDocument doc;
        try
        {
            // Via UTF-8 bytes: the encoder replaces lone surrogates instead of throwing.
            doc = JsonDocument.Parse(Encoding.UTF8.GetBytes(json), Options);
        }
        catch (JsonException e)
        {
            return KasaResult<T>.Fail($"reply is not JSON ({e.Message.Split(". ")[0]}): {Show(json)}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return KasaResult<T>.Fail($"reply is not a JSON object: {Show(json)}");
            if (!root.TryGetProperty(module, out var mod) || mod.ValueKind != JsonValueKind.Object)
                return KasaResult<T>.Fail($"reply has no \"{module}\" object: {Show(json)}");
            if (DeviceError(mod, module) is { } modError) return modError.As<T>();
            if (!mod.TryGetProperty(method, out var body) || body.ValueKind != JsonValueKind.Object)
                return KasaResult<T>.Fail($"reply has no \"{module}\".\"{method}\" object: {Show(json)}");
            if (DeviceError(body, $"{module}.{method}") is { } error) return error.As<T>();
            return read(body);
        }
    }

    private sealed record Refusal(string Message, int? Code)
    {
        public KasaResult<T> As<T>() => KasaResult<T>.Fail(Message, Code);
    }

    /// <summary>A non-zero <c>err_code</c> (the device refused), or a malformed one; null when fine or absent.</summary>
    private static Refusal? DeviceError(JsonElement obj, string what)
    {
        if (!obj.TryGetProperty("err_code", out var code)) return null;
        if (code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var n))
            return new Refusal($"{what} has a malformed err_code {Show(code.GetRawText())}", null);
        if (n == 0) return null;
        var message = Text(obj, "err_msg");
        return new Refusal($"the device answered {what} with err_code {n}" + (message is null ? "" : $" ({Show(message)})"), n);
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A finite number divided by <paramref name="scale"/>; null (plus a warning) when present but unusable.</summary>
    private static double? Number(JsonElement obj, string name, double scale, List<string> warnings)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)) return d / scale;
        warnings.Add($"{name} is not a number: {Show(v.GetRawText())}; reported as unknown");
        return null;
    }

    /// <summary>A 0/1 switch state; null (plus a warning) when present but not 0 or 1.</summary>
    private static bool? Switch(JsonElement obj, string name, string shown, List<string> warnings)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n is 0 or 1) return n == 1;
        warnings.Add($"{shown} is not 0 or 1: {Show(v.GetRawText())}; relay reported as unknown");
        return null;
    }

    private static string ShowBytes(ReadOnlySpan<byte> bytes)
    {
        var head = bytes.Length > 16 ? bytes[..16] : bytes;
        return Convert.ToHexString(head).ToLower(CultureInfo.InvariantCulture) + (bytes.Length > 16 ? "…" : "");
    }
}
