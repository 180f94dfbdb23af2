using System.Text;

namespace Supervisor.Domain.Mqtt;

/// <summary>
/// The topics one node publishes under: <c>&lt;prefix&gt;/&lt;node&gt;/device/&lt;id&gt;/state</c>,
/// <c>…/group/&lt;id&gt;/state</c> and <c>…/availability</c> (the last will's topic), and Home Assistant's discovery
/// topics. Ids are made safe for one topic level (no <c>/ + #</c>, no spaces), so a device id can never reach into
/// another device's topics. Pure.
/// </summary>
public sealed record MqttTopics(string Prefix, string Node, string? DiscoveryPrefix)
{
    /// <summary>What Home Assistant publishes on <c>&lt;discovery-prefix&gt;/status</c> when it (re)starts.</summary>
    public const string HomeAssistantOnline = "online";

    public const string Online = "online", Offline = "offline";

    public string Availability => $"{Prefix}/{Level(Node)}/availability";

    public string DeviceState(string deviceId) => $"{Prefix}/{Level(Node)}/device/{Level(deviceId)}/state";

    public string GroupState(string groupId) => $"{Prefix}/{Level(Node)}/group/{Level(groupId)}/state";

    /// <summary>Where Home Assistant says it came online (null without discovery).</summary>
    public string? HomeAssistantStatus => DiscoveryPrefix is null ? null : $"{DiscoveryPrefix}/status";

    /// <summary><c>&lt;discovery&gt;/&lt;component&gt;/supervisor_&lt;subject&gt;/&lt;key&gt;/config</c>, HA's node_id/object_id form.</summary>
    public string DiscoveryConfig(string component, string subjectId, string key) =>
        $"{DiscoveryPrefix}/{component}/{ObjectId(subjectId)}/{key}/config";

    /// <summary>An id as Home Assistant accepts it in node_id, object_id and unique_id: [a-zA-Z0-9_-], prefixed.</summary>
    public static string ObjectId(string id)
    {
        var sb = new StringBuilder("supervisor_", id.Length + 11);
        foreach (var c in id) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        return sb.ToString();
    }

    /// <summary>An id as one topic level: MQTT's wildcards and separators, spaces and control characters become '_'.</summary>
    public static string Level(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id) sb.Append(IsReserved(c) || char.IsWhiteSpace(c) || char.IsControl(c) ? '_' : c);
        return sb.Length == 0 ? "_" : sb.ToString();
    }

    /// <summary>Why <paramref name="level"/> cannot stand as one topic level as written (config's prefixes and node-id), or null.</summary>
    public static string? LevelProblem(string level) =>
        level.Length == 0 ? "is empty"
        : level.Any(IsReserved) ? "holds an MQTT wildcard or separator (+ # /)"
        : level.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "holds a space or control character"
        : null;

    private static bool IsReserved(char c) => c is '/' or '+' or '#';

    /// <summary>A node's cluster address ("10.0.0.5:4053") as a topic level: "10-0-0-5-4053".</summary>
    public static string NodeFromAddress(string address) =>
        new(address.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-').ToArray());
}
