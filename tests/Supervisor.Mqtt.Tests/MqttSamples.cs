using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Mqtt.Tests;

internal static class MqttSamples
{
    public static MqttSettings Settings(MosquittoServer broker) => MqttSettings.Off with
    {
        Enabled = true, Host = broker.Host, Port = broker.Port, MinInterval = TimeSpan.FromSeconds(10), ReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    public static MqttTopics Topics(MqttSettings s) => new(s.TopicPrefix, "node-1", s.DiscoveryPrefix);

    /// <summary>The publisher for devices ups-a and ups-b and group rack-a.</summary>
    public static Akka.Actor.Props Publisher(MqttSettings s) =>
        Akka.Actor.Props.Create(() => new MqttPublisherActor(s, Topics(s), new[] { "ups-a", "ups-b" }, new[] { "rack-a" }));

    public static DeviceSampled OnLine(string id, double charge = 100, DateTimeOffset? at = null) =>
        Sampled(id, new Reading(id, at ?? DateTimeOffset.UtcNow, true, false, false, false, charge, 1800, 23, 230.5, 120, "OL"), DeviceHealth.Healthy, at);

    public static DeviceSampled OnBattery(string id, double charge, DateTimeOffset? at = null) =>
        Sampled(id, new Reading(id, at ?? DateTimeOffset.UtcNow, false, true, false, false, charge, 600, 23, 0, 120, "OB DISCHRG"), DeviceHealth.Degraded, at);

    private static DeviceSampled Sampled(string id, Reading r, DeviceHealth health, DateTimeOffset? at) =>
        new(id, "nut", r, health, health.ToString(), null, at ?? DateTimeOffset.UtcNow);

    public static GroupSampled GroupNow(string id, GroupState state, int healthy) => new(id, state, healthy, 1, 2, 900, DateTimeOffset.UtcNow);
}
