namespace Supervisor.Domain.Configuration;

/// <summary>
/// The typed, validated form of the <c>supervisor { … }</c> HOCON section. Built by the config loader
/// (Supervisor.Configuration) and checked by <see cref="SettingsValidator"/>; everything below it
/// is plain data so the domain rules can be tested without HOCON or Akka.
/// </summary>
/// <param name="DataDir">Where the journal and agent dedupe store live (<c>supervisor.data-dir</c>).</param>
/// <param name="Devices">Every configured device, in file order.</param>
/// <param name="Groups">Every redundancy group, in file order.</param>
/// <param name="Agent">This node's agent section, or null when the node runs no agent.</param>
public sealed record SupervisorSettings(
    string DataDir,
    IReadOnlyList<DeviceSettings> Devices,
    IReadOnlyList<GroupSettings> Groups,
    AgentSettings? Agent)
{
    /// <summary>Where events are journaled (<c>supervisor.journal</c>); SQLite under <see cref="DataDir"/> by default.</summary>
    public JournalSettings Journal { get; init; } = JournalSettings.Sqlite;

    /// <summary><c>supervisor.tls</c>; an init property (default off) so every existing constructor call stays valid.</summary>
    public TlsSettings Tls { get; init; } = TlsSettings.Off;

    /// <summary><c>supervisor.placement</c>: one singleton (default) or partitions sharded over the supervisor nodes.</summary>
    public PlacementSettings Placement { get; init; } = PlacementSettings.Singleton;

    /// <summary><c>supervisor.stats</c>: the history store of readings and events (on by default).</summary>
    public StatsSettings Stats { get; init; } = StatsSettings.Default;

    /// <summary><c>supervisor.notifications</c>: the channels people are told on (none by default).</summary>
    public NotificationSettings Notifications { get; init; } = NotificationSettings.None;

    /// <summary><c>supervisor.log</c>: which of Akka's own lines the node's log shows.</summary>
    public LogSettings Log { get; init; } = LogSettings.Default;

    /// <summary><c>supervisor.alerts</c>: alert rules over the readings (none by default).</summary>
    public AlertSettings Alerts { get; init; } = AlertSettings.None;

    /// <summary><c>supervisor.http</c>: the REST API (off by default).</summary>
    public HttpSettings Http { get; init; } = HttpSettings.Off;

    /// <summary><c>supervisor.nut-server</c>: the NUT server facade (off by default).</summary>
    public NutServerSettings NutServer { get; init; } = NutServerSettings.Off;

    /// <summary><c>supervisor.mqtt</c>: state and Home Assistant discovery on an MQTT broker (off by default).</summary>
    public MqttSettings Mqtt { get; init; } = MqttSettings.Off;

    public DeviceSettings? FindDevice(string id) => Devices.FirstOrDefault(d => d.Id == id);
    public GroupSettings? FindGroup(string id) => Groups.FirstOrDefault(g => g.Id == id);
}
