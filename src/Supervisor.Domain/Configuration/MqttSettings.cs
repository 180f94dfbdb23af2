namespace Supervisor.Domain.Configuration;

/// <summary>
/// The <c>supervisor.mqtt</c> section: publish each device's and group's state to an MQTT broker, retained, with Home
/// Assistant discovery (docs/integrations/mqtt.md). Off by default; every default is in reference.conf.
/// </summary>
/// <param name="Host">The broker's host (from <c>broker = "host:port"</c>).</param>
/// <param name="Password">The broker password (a secret: never logged), or null for none.</param>
/// <param name="Tls">Connect with TLS; <paramref name="CaFile"/> is then the PEM file of the CA to trust (null: the system's).</param>
/// <param name="TopicPrefix">Root of the state topics: <c>&lt;prefix&gt;/&lt;node&gt;/device/&lt;id&gt;/state</c>.</param>
/// <param name="DiscoveryPrefix">Home Assistant's discovery prefix (its default is homeassistant); null: no discovery.</param>
/// <param name="NodeId">This node's name in the topics; null: derived from the node's cluster address.</param>
/// <param name="MinInterval">At most one state message per device this often (a change of health goes at once).</param>
/// <param name="ReconnectDelay">First wait before reconnecting to a lost broker; it doubles up to a minute.</param>
public sealed record MqttSettings(
    bool Enabled, string Host, int Port, string? Username, Secret? Password, bool Tls, string? CaFile,
    string TopicPrefix, string? DiscoveryPrefix, string? NodeId, TimeSpan MinInterval, TimeSpan ReconnectDelay)
{
    public const string Path = ConfigPath.Root + ".mqtt";

    /// <summary>Not configured (settings built in code, tests); the loader always reads reference.conf's values instead.</summary>
    public static MqttSettings Off { get; } = new(false, "127.0.0.1", 1883, null, null, false, null, "supervisor", "homeassistant", null,
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));

    /// <summary>One line for <c>validate</c>'s summary; the user by name, never the password.</summary>
    public string SummaryLine() => !Enabled
        ? "MQTT: off"
        : $"MQTT: broker {Host}:{Port}{(Tls ? " (TLS)" : "")}{(Username is null ? "" : $" as {Username}")}; topics {TopicPrefix}/{NodeId ?? "<node>"}/…; " +
          (DiscoveryPrefix is null ? "no Home Assistant discovery" : $"Home Assistant discovery under {DiscoveryPrefix}/");
}
