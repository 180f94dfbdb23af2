using System.Text.Json.Nodes;
using Supervisor.Domain.Events;

namespace Supervisor.Domain.Mqtt;

/// <summary>One message to publish: topic, payload, and whether the broker keeps it for later subscribers.</summary>
public sealed record MqttOutgoing(string Topic, string Payload, bool Retain);

/// <summary>
/// Home Assistant MQTT discovery: one retained config message per entity, so each device and each group appears in HA
/// as a device with its sensors, in the right device class and unit, read from the state topic with a value template.
/// unique_id is per device and entity, not per node: when a device moves to another node, that node's discovery
/// re-points the same entity at its own topics. Entities follow the node's availability (its last will). Pure.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>
    /// The configs for a device: a sensor per measurement it reports (a key is declared once its reading carries a
    /// value), its health and raw status, and mains / low-battery binary sensors where it reports status flags.
    /// </summary>
    public static IEnumerable<MqttOutgoing> ForDevice(MqttTopics topics, DeviceSampled s, IReadOnlySet<string> measurementKeys)
    {
        var device = Device(s.DeviceId, s.Driver);
        var state = topics.DeviceState(s.DeviceId);
        foreach (var m in MqttStatePayloads.DeviceMeasurements.Where(m => measurementKeys.Contains(m.Key)))
        {
            var config = Entity(topics, s.DeviceId, m.Key, m.Name, state, device);
            config["unit_of_measurement"] = m.Unit;
            config["state_class"] = m.StateClass;
            if (m.DeviceClass is not null) config["device_class"] = m.DeviceClass;
            yield return Config(topics, "sensor", s.DeviceId, m.Key, config);
        }
        var health = Entity(topics, s.DeviceId, "health", "Health", state, device);
        health["device_class"] = "enum";
        health["options"] = new JsonArray("UNKNOWN", "HEALTHY", "DEGRADED", "CRITICAL");
        yield return Config(topics, "sensor", s.DeviceId, "health", health);
        yield return Config(topics, "sensor", s.DeviceId, "status", Entity(topics, s.DeviceId, "status", "Status", state, device));
        yield return Config(topics, "binary_sensor", s.DeviceId, "online",
            Binary(Entity(topics, s.DeviceId, "online", "Mains power", state, device), "online", "power"));
        yield return Config(topics, "binary_sensor", s.DeviceId, "low_battery",
            Binary(Entity(topics, s.DeviceId, "low_battery", "Low battery", state, device), "low_battery", "battery"));
    }

    /// <summary>The configs for a group: healthy members, its state, and a problem sensor that is on without quorum.</summary>
    public static IEnumerable<MqttOutgoing> ForGroup(MqttTopics topics, string groupId)
    {
        var device = new JsonObject
        {
            ["identifiers"] = new JsonArray(MqttTopics.ObjectId("group_" + groupId)),
            ["name"] = $"Power group {groupId}",
            ["manufacturer"] = "Supervisor",
            ["model"] = "redundancy group",
        };
        var state = topics.GroupState(groupId);
        var subject = "group_" + groupId;
        var healthy = Entity(topics, subject, "healthy", "Healthy members", state, device);
        healthy["state_class"] = "measurement";
        yield return Config(topics, "sensor", subject, "healthy", healthy);
        yield return Config(topics, "sensor", subject, "state", Entity(topics, subject, "state", "State", state, device));
        var problem = Entity(topics, subject, "quorum", "Quorum lost", state, device);
        problem["value_template"] = "{{ 'OFF' if value_json.quorum else 'ON' }}";
        problem["payload_on"] = "ON";
        problem["payload_off"] = "OFF";
        problem["device_class"] = "problem";
        yield return Config(topics, "binary_sensor", subject, "quorum", problem);
    }

    /// <summary>The device keys whose value <paramref name="s"/> carries (what discovery declares a sensor for).</summary>
    public static IEnumerable<string> ReportedMeasurements(DeviceSampled s) =>
        MqttStatePayloads.Measurements(s).Where(m => m.Value is not null).Select(m => m.Key);

    private static JsonObject Device(string deviceId, string driver) => new()
    {
        ["identifiers"] = new JsonArray(MqttTopics.ObjectId(deviceId)),
        ["name"] = deviceId,
        ["manufacturer"] = "Supervisor",
        ["model"] = $"{driver} device",
    };

    private static JsonObject Entity(MqttTopics topics, string subjectId, string key, string name, string stateTopic, JsonObject device) => new()
    {
        ["name"] = name,
        ["unique_id"] = $"{MqttTopics.ObjectId(subjectId)}_{key}",
        ["object_id"] = $"{MqttTopics.ObjectId(subjectId)}_{key}",
        ["state_topic"] = stateTopic,
        ["value_template"] = $"{{{{ value_json.{key} }}}}",
        ["availability_topic"] = topics.Availability,
        ["payload_available"] = MqttTopics.Online,
        ["payload_not_available"] = MqttTopics.Offline,
        ["device"] = device.DeepClone(),
    };

    private static JsonObject Binary(JsonObject entity, string key, string deviceClass)
    {
        entity["value_template"] = $"{{{{ 'ON' if value_json.{key} else 'OFF' }}}}";
        entity["payload_on"] = "ON";
        entity["payload_off"] = "OFF";
        entity["device_class"] = deviceClass;
        return entity;
    }

    private static MqttOutgoing Config(MqttTopics topics, string component, string subjectId, string key, JsonObject config) =>
        new(topics.DiscoveryConfig(component, subjectId, key), config.ToJsonString(MqttStatePayloads.Json), Retain: true);
}
