using System.Text.Json;
using static Supervisor.Drivers.Shelly.ShellyJson;

namespace Supervisor.Drivers.Shelly;

/// <summary>
/// Pure parsers for the three replies the driver reads. Shapes (from the Shelly API docs, see docs/drivers/shelly.md):
/// <list type="bullet">
/// <item><c>GET /shelly</c>: Gen1 <c>{"type":"SHPLG-S","auth":false,…}</c>; Gen2+ <c>{"id":…,"model":…,"gen":2,"auth_en":false,…}</c>.</item>
/// <item>Gen1 <c>GET /status</c>: <c>meters[i]</c> (<c>power</c> W, <c>total</c> watt-minutes) or <c>emeters[i]</c>
/// (<c>power</c>, <c>voltage</c>, <c>current</c>, <c>total</c> Wh), and <c>relays[i].ison</c>.</item>
/// <item>Gen2+ <c>GET /rpc/Switch.GetStatus?id=i</c>: <c>apower</c> W, <c>voltage</c>, <c>current</c>, <c>freq</c>,
/// <c>aenergy.total</c> Wh, <c>output</c>.</item>
/// </list>
/// Power is required (without it the plug senses nothing); every other value is optional, and a wrong-typed optional
/// value becomes a warning instead of failing the reading. Never throws.
/// </summary>
public static class ShellyParser
{
    /// <summary>Gen1 energy counters are in watt-minutes: 60 000 of them make a kWh.</summary>
    public const double WattMinutesPerKwh = 60_000;

    public static ParseResult<ShellyDeviceInfo> ParseDeviceInfo(ReadOnlyMemory<byte> body)
    {
        using var doc = Parse(body, out var error);
        if (doc is null) return ParseResult<ShellyDeviceInfo>.Fail($"the reply is {error}");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return ParseResult<ShellyDeviceInfo>.Fail($"the reply is {Describe(root)}, not a JSON object");

        if (Property(root, "gen") is { } gen)
        {
            if (gen.ValueKind != JsonValueKind.Number || !gen.TryGetInt32(out var g) || g < 1)
                return ParseResult<ShellyDeviceInfo>.Fail($"\"gen\" is {Describe(gen)}, not a generation number (1, 2, 3…)");
            if (g >= 2)
            {
                var model = String(root, "model") ?? String(root, "app") ?? "unknown model";
                var auth = Bool(root, "auth_en", "auth_en", out _) ?? false;
                return ParseResult<ShellyDeviceInfo>.Ok(new ShellyDeviceInfo(g, model, String(root, "id"), auth));
            }
        }
        if (String(root, "type") is not { Length: > 0 } type)
            return ParseResult<ShellyDeviceInfo>.Fail(
                "the reply has neither \"gen\" (Gen2+) nor \"type\" (Gen1); is this really a Shelly? Every Shelly answers GET /shelly");
        var gen1Auth = Bool(root, "auth", "auth", out _) ?? false;
        return ParseResult<ShellyDeviceInfo>.Ok(new ShellyDeviceInfo(1, type, null, gen1Auth));
    }

    /// <summary>Gen1 <c>/status</c>: the meter (or emeter) and relay at <paramref name="channel"/>.</summary>
    public static ParseResult<ShellyMeasurement> ParseGen1Status(ReadOnlyMemory<byte> body, int channel)
    {
        using var doc = Parse(body, out var error);
        if (doc is null) return Fail($"the reply is {error}");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return Fail($"the reply is {Describe(root)}, not a JSON object");

        var meter = Item(root, "meters", channel);
        var emeter = Item(root, "emeters", channel);
        if (meter is null && emeter is null)
        {
            var meters = Count(root, "meters");
            var emeters = Count(root, "emeters");
            if (meters is null && emeters is null)
                return Fail("it has no meters[] or emeters[] list: this model has no power meter (e.g. a Shelly 1 or a sensor), " +
                            "and Supervisor needs one (Plug S, 1PM, 2.5, EM, 3EM…)");
            var total = (meters ?? 0) + (emeters ?? 0);
            return Fail($"it has no meters[{channel}] or emeters[{channel}]: the device has {meters ?? 0} meter(s) and " +
                        $"{emeters ?? 0} emeter(s), so channel {channel} does not exist; set channel to 0" +
                        (total > 1 ? $"..{total - 1}" : ""));
        }

        var warnings = new List<string>();
        var isEmeter = meter is null;
        var item = (meter ?? emeter)!.Value;
        var path = isEmeter ? $"emeters[{channel}]" : $"meters[{channel}]";
        if (item.ValueKind != JsonValueKind.Object) return Fail($"{path} is {Describe(item)}, not an object");

        var power = Number(item, "power", $"{path}.power", out var problem);
        if (problem is not null) return Fail(problem);
        if (power is null) return Fail($"{path}.power is missing");
        if (Bool(item, "is_valid", $"{path}.is_valid", out _) == false)
            return Fail($"{path}.is_valid is false: the device says its power meter failed its self-check, so its power cannot be trusted");

        var counter = Number(item, "total", $"{path}.total", out problem);
        Warn(warnings, problem);
        // meters[].total counts watt-minutes; emeters[].total counts watt-hours (Shelly EM / 3EM).
        double? kwh = counter is { } t ? (isEmeter ? t / 1000 : t / WattMinutesPerKwh) : null;
        // A Shelly 2.5 reports its supply voltage at the top level; emeters carry their own.
        var voltage = isEmeter ? Number(item, "voltage", $"{path}.voltage", out problem) : Number(root, "voltage", "voltage", out problem);
        Warn(warnings, problem);
        var current = isEmeter ? Number(item, "current", $"{path}.current", out problem) : null;
        Warn(warnings, problem);

        bool? relayOn = null;
        if (Item(root, "relays", channel) is { ValueKind: JsonValueKind.Object } relay)
        {
            relayOn = Bool(relay, "ison", $"relays[{channel}].ison", out problem);
            Warn(warnings, problem);
            if (Bool(relay, "overpower", $"relays[{channel}].overpower", out _) == true)
                warnings.Add($"relays[{channel}].overpower is true: the device switched the outlet off after drawing more than its max_power");
        }
        return ParseResult<ShellyMeasurement>.Ok(new ShellyMeasurement(power.Value, voltage, current, null, kwh, relayOn, path, warnings));
    }

    /// <summary>Gen2+ <c>Switch.GetStatus</c> result for switch <paramref name="channel"/>.</summary>
    public static ParseResult<ShellyMeasurement> ParseGen2SwitchStatus(ReadOnlyMemory<byte> body, int channel)
    {
        using var doc = Parse(body, out var error);
        if (doc is null) return Fail($"the reply is {error}");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return Fail($"the reply is {Describe(root)}, not a JSON object");
        if (RpcError(root) is { } rpc) return Fail($"the device answered RPC error {rpc.Code}: {Clip(rpc.Message)}");

        var source = $"switch:{channel}";
        var id = Number(root, "id", "id", out _);
        if (id is { } i && i != channel) return Fail($"the reply is for switch id {Format(i)}, not channel {channel}");

        var power = Number(root, "apower", "apower", out var problem);
        if (problem is not null) return Fail(problem);
        if (power is null)
            return Fail($"apower is missing: {source} has no power meter (e.g. a Shelly Plus 1 or Pro 1 without PM), and Supervisor needs one");

        var warnings = new List<string>();
        var voltage = Number(root, "voltage", "voltage", out problem);
        Warn(warnings, problem);
        var current = Number(root, "current", "current", out problem);
        Warn(warnings, problem);
        var freq = Number(root, "freq", "freq", out problem);
        Warn(warnings, problem);
        double? kwh = null;
        if (Property(root, "aenergy") is { } energy)
        {
            if (energy.ValueKind == JsonValueKind.Object)
            {
                kwh = Number(energy, "total", "aenergy.total", out problem) / 1000; // Wh → kWh
                Warn(warnings, problem);
            }
            else warnings.Add($"aenergy is {Describe(energy)}, not an object");
        }
        var output = Bool(root, "output", "output", out problem);
        Warn(warnings, problem);
        // Gen2+ lists active fault conditions here (overtemp, overpower, overvoltage, undervoltage, …).
        if (Property(root, "errors") is { ValueKind: JsonValueKind.Array } errors)
            foreach (var e in errors.EnumerateArray().Take(8))
                warnings.Add($"the device reports error {Describe(e)} on {source}");
        return ParseResult<ShellyMeasurement>.Ok(new ShellyMeasurement(power.Value, voltage, current, freq, kwh, output, source, warnings));
    }

    /// <summary>A Gen2+ error body (<c>code</c> + <c>message</c>), or null when the body is anything else.</summary>
    public static ShellyRpcError? TryParseRpcError(ReadOnlyMemory<byte> body)
    {
        using var doc = Parse(body, out _);
        return doc is null ? null : RpcError(doc.RootElement);
    }

    private static ShellyRpcError? RpcError(JsonElement root) =>
        Property(root, "code") is { ValueKind: JsonValueKind.Number } code && code.TryGetInt64(out var c) &&
        String(root, "message") is { } message && Property(root, "apower") is null
            ? new ShellyRpcError(c, message)
            : null;

    private static string Clip(string s) =>
        new((s.Length > 200 ? s[..200] + "…" : s).Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray());

    private static void Warn(List<string> warnings, string? problem)
    {
        if (problem is not null) warnings.Add(problem + "; reported as unknown");
    }

    private static ParseResult<ShellyMeasurement> Fail(string error) => ParseResult<ShellyMeasurement>.Fail(error);
}
