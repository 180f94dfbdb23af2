using Akka;
using Akka.Actor;
using Akka.Event;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Live;
using Supervisor.Domain.Mqtt;

namespace Supervisor.Mqtt;

/// <summary>Stop publishing: say "offline" to the broker and disconnect (coordinated shutdown asks it); answered with Done.</summary>
public sealed record StopPublishing
{
    public static StopPublishing Instance { get; } = new();
}

/// <summary>
/// A consumer of the facts (design §11) on each supervisor node: publishes the state of this node's devices and groups
/// to the MQTT broker, retained, with Home Assistant discovery. It holds the latest state of each (bounded by the
/// config) and sends all of it on every (re)connect and whenever Home Assistant restarts; in between, a device's state
/// goes out at most once per <c>min-interval</c>, a change of health at once. It never talks to a device, a group or
/// a saga, and the broker link's bounded queue means a slow or absent broker cannot slow it.
/// </summary>
public sealed class MqttPublisherActor : ReceiveActor
{
    public const string Name = "mqtt";

    private readonly MqttSettings _settings;
    private readonly MqttTopics _topics;
    private readonly HashSet<string> _configuredDevices, _configuredGroups;
    private readonly SampleThrottle _throttle;
    private readonly ChangeThrottle<(Domain.Groups.GroupState, int)> _groupThrottle;
    private readonly Dictionary<string, DeviceSampled> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupSampled> _groups = new(StringComparer.Ordinal);
    // Per device, the measurements discovery has declared since the last (re)connect: one that appears later is declared then.
    private readonly Dictionary<string, HashSet<string>> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declaredGroups = new(StringComparer.Ordinal);
    private MqttBrokerLink? _link;
    private bool _connected;

    public MqttPublisherActor(MqttSettings settings, MqttTopics topics, IEnumerable<string> devices, IEnumerable<string> groups)
    {
        (_settings, _topics) = (settings, topics);
        _configuredDevices = new(devices, StringComparer.Ordinal);
        _configuredGroups = new(groups, StringComparer.Ordinal);
        _throttle = new SampleThrottle(settings.MinInterval);
        _groupThrottle = new ChangeThrottle<(Domain.Groups.GroupState, int)>(settings.MinInterval);
        Receive<DeviceSampled>(s => _configuredDevices.Contains(s.DeviceId), OnDevice);
        Receive<GroupSampled>(g => _configuredGroups.Contains(g.GroupId), OnGroup);
        Receive<IFleetFact>(_ => { });
        Receive<BrokerConnected>(_ =>
        {
            _connected = true;
            SendEverything();
        });
        Receive<HomeAssistantCameOnline>(_ => SendEverything());
        Receive<BrokerLost>(_ => _connected = false);
        ReceiveAsync<StopPublishing>(async _ =>
        {
            if (_link is { } link) await link.DisposeAsync();
            _link = null;
            Sender.Tell(Done.Instance);
        });
    }

    /// <summary>For this node's devices and groups; <paramref name="node"/> is its level in the topics.</summary>
    public static Props Props(SupervisorSettings settings, string node) =>
        Akka.Actor.Props.Create(() => new MqttPublisherActor(settings.Mqtt,
            new MqttTopics(settings.Mqtt.TopicPrefix, node, settings.Mqtt.DiscoveryPrefix),
            settings.Devices.Select(d => d.Id), settings.Groups.Select(g => g.Id)));

    private void OnDevice(DeviceSampled s)
    {
        // A failed poll keeps the last reading's figures in the state (the health and poll_error say it is old).
        var kept = s.Reading is null && _devices.TryGetValue(s.DeviceId, out var previous) ? s with { Reading = previous.Reading } : s;
        _devices[s.DeviceId] = kept;
        if (!_connected) return;
        DeclareNewMeasurements(kept);
        if (_throttle.Admit(s.DeviceId, s.Health, s.At)) Offer(new MqttOutgoing(_topics.DeviceState(s.DeviceId), MqttStatePayloads.Device(kept), Retain: true));
    }

    private void OnGroup(GroupSampled g)
    {
        _groups[g.GroupId] = g;
        if (!_connected) return;
        if (_topics.DiscoveryPrefix is not null && _declaredGroups.Add(g.GroupId))
            foreach (var config in HomeAssistantDiscovery.ForGroup(_topics, g.GroupId)) Offer(config);
        // State and healthy count at once; the runtime estimate, which changes every poll, at most once per min-interval.
        if (_groupThrottle.Admit(g.GroupId, (g.State, g.Healthy), g.At))
            Offer(new MqttOutgoing(_topics.GroupState(g.GroupId), MqttStatePayloads.Group(g), Retain: true));
    }

    private void SendEverything()
    {
        if (!_connected) return;
        _declared.Clear();
        _declaredGroups.Clear();
        _throttle.Reset();
        _groupThrottle.Reset();
        foreach (var g in _groups.Values) OnGroup(g);
        foreach (var s in _devices.Values) OnDevice(s);
    }

    private void DeclareNewMeasurements(DeviceSampled s)
    {
        if (_topics.DiscoveryPrefix is null) return;
        var reported = HomeAssistantDiscovery.ReportedMeasurements(s).ToHashSet();
        if (_declared.TryGetValue(s.DeviceId, out var declared) && reported.IsSubsetOf(declared)) return;
        declared = declared is null ? reported : [.. declared, .. reported];
        _declared[s.DeviceId] = declared;
        foreach (var config in HomeAssistantDiscovery.ForDevice(_topics, s, declared)) Offer(config);
    }

    private void Offer(MqttOutgoing message) => _link?.Offer(message);

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(IFleetFact));
        _link = new MqttBrokerLink(_settings, _topics, Self, Context.GetLogger());
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        // Stopped without StopPublishing (a crash, a test): drop the connection; the broker's last will says offline.
        _ = _link?.DisposeAsync().AsTask();
    }
}
