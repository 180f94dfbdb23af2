using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Supervisor.Domain.Events;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Mqtt;

/// <summary>
/// The JSON state of a device or a group as it is published (retained) on its state topic: base units, snake_case keys,
/// every measurement the reading can carry present (null when the device does not report it), so a subscriber's
/// template never meets a missing key. Pure.
/// </summary>
public static class MqttStatePayloads
{
    /// <summary>
    /// JSON as people and templates read it ("≥", "+00:00", "'" as they are): every payload is a message body, never
    /// embedded in HTML, so the default encoder's escaping buys nothing.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The device keys that carry a measurement, with their unit, Home Assistant's device and state class, and where the
    /// reading holds it: the state payload and discovery both read this one table.
    /// </summary>
    public static readonly IReadOnlyList<MqttMeasurement> DeviceMeasurements =
    [
        new("charge", "Battery charge", "%", "battery", "measurement", r => r.ChargePercent),
        new("runtime", "Battery runtime", "s", "duration", "measurement", r => r.RuntimeSeconds),
        new("load", "Load", "%", null, "measurement", r => r.LoadPercent),
        new("input_voltage", "Input voltage", "V", "voltage", "measurement", r => r.InputVoltage),
        new("power", "Power", "W", "power", "measurement", r => r.PowerWatts),
        new("current", "Current", "A", "current", "measurement", r => r.CurrentAmps),
        new("frequency", "Frequency", "Hz", "frequency", "measurement", r => r.FrequencyHz),
        new("energy", "Energy", "kWh", "energy", "total_increasing", r => r.EnergyKwh),
    ];

    public static string Device(DeviceSampled s)
    {
        var r = s.Reading;
        var json = new JsonObject
        {
            ["device"] = s.DeviceId,
            ["driver"] = s.Driver,
            ["health"] = s.Health.ToString().ToUpperInvariant(),
            ["health_reason"] = s.HealthReason,
            ["online"] = r?.OnLine,
            ["on_battery"] = r?.OnBattery,
            ["low_battery"] = r?.LowBattery,
            ["fsd"] = r?.ForcedShutdown,
            ["status"] = r?.RawStatus,
            ["poll_error"] = s.PollError,
            ["time"] = s.At.ToString("O"),
        };
        foreach (var (key, value) in Measurements(s)) json[key] = value;
        return json.ToJsonString(Json);
    }

    /// <summary>The measurements <paramref name="s"/> carries, by key (null where the reading has none).</summary>
    public static IEnumerable<(string Key, double? Value)> Measurements(DeviceSampled s) =>
        DeviceMeasurements.Select(m => (m.Key, s.Reading is { } r ? m.Read(r) : null));

    public static string Group(GroupSampled g) => new JsonObject
    {
        ["group"] = g.GroupId,
        ["state"] = StateWord(g),
        ["healthy"] = g.Healthy,
        ["min_healthy"] = g.MinHealthy,
        ["members"] = g.Members,
        ["quorum"] = g.Healthy >= g.MinHealthy,
        ["runtime"] = g.RuntimeSeconds,
        ["time"] = g.At.ToString("O"),
    }.ToJsonString(Json);

    /// <summary>The group's state as status shows it (QUORUM_LOST, …).</summary>
    public static string StateWord(GroupSampled g) => string.Concat(g.State.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}

/// <summary>One measurement of a device's state: its JSON key, a name for people, Home Assistant's unit and classes, and its value in a reading.</summary>
public sealed record MqttMeasurement(string Key, string Name, string Unit, string? DeviceClass, string StateClass, Func<Reading, double?> Read);
