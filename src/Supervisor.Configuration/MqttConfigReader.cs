using Supervisor.Domain.Configuration;
using Supervisor.Domain.Mqtt;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.mqtt { enabled, broker = "host:port", username, password, tls, tls-ca, topic-prefix, discovery-prefix,
/// node-id, min-interval, reconnect-delay }</c>. Every problem is an error at its HOCON path with the fix; the password is
/// a <see cref="Secret"/> and may be a reference (env:, file:, credential:).
/// </summary>
internal static class MqttConfigReader
{
    private const string Path = MqttSettings.Path;
    private static readonly string[] Keys = ["enabled", "broker", "username", "password", "password-file", "password-env", "tls", "tls-ca",
        "topic-prefix", "discovery-prefix", "node-id", "min-interval", "reconnect-delay"];

    public static MqttSettings Read(HoconSection root, string? baseDirectory)
    {
        var s = root.DefaultedChild("mqtt");
        var enabled = s.Bool("enabled");
        var (host, port) = Broker(s);
        var username = NonEmpty(s.OptionalString("username"));
        var password = SecretResolver.Resolve(s, baseDirectory, "password", "password");
        if (password is not null && username is null)
            s.Diag.Error(s.KeyPath("username"), "missing: a broker password needs its user; write username = \"supervisor\"");
        var tls = s.Bool("tls");
        var ca = NonEmpty(s.OptionalString("tls-ca")) is null ? null : NotificationConfigReader.TlsCa(s, baseDirectory, "the MQTT broker");
        var prefix = TopicLevels(s, "topic-prefix", "supervisor");
        var discovery = s.Find("discovery-prefix", out _) is { } d && d.IsString() && d.GetString() is "off" or "" ? null : TopicLevels(s, "discovery-prefix", "homeassistant");
        var node = NonEmpty(s.OptionalString("node-id"));
        if (node is not null && MqttTopics.LevelProblem(node) is { } problem)
            s.Diag.Error(s.KeyPath("node-id"), $"\"{node}\" {problem}; write one plain word, e.g. node-id = rack-1");
        var minInterval = Positive(s, "min-interval", "10s");
        var reconnect = Positive(s, "reconnect-delay", "2s");
        s.WarnUnknownKeys(Keys);
        return new MqttSettings(enabled, host, port, username, password, tls, ca, prefix, discovery, node, minInterval, reconnect);
    }

    private static (string Host, int Port) Broker(HoconSection s)
    {
        var text = s.String("broker");
        if (HttpConfigReader.Split(text) is { } parsed) return parsed;
        s.Diag.Error(s.KeyPath("broker"), $"\"{text}\" is not host:port; write e.g. broker = \"192.168.1.10:1883\" (8883 with tls = on)");
        return HttpConfigReader.Split(s.ReferenceTwin().String("broker")) ?? throw new MissingDefaultException(s.KeyPath("broker"), [s.Path]);
    }

    /// <summary>A topic prefix: one or more plain levels ("supervisor", "home/power"), never a wildcard.</summary>
    private static string TopicLevels(HoconSection s, string key, string example)
    {
        var value = s.String(key).Trim('/');
        if (value.Split('/').All(level => MqttTopics.LevelProblem(level) is null)) return value;
        s.Diag.Error(s.KeyPath(key), $"\"{value}\" is not a usable topic prefix (no +, #, spaces or empty levels); write e.g. {key} = {example}");
        return s.ReferenceTwin().String(key);
    }

    private static TimeSpan Positive(HoconSection s, string key, string example)
    {
        var value = s.Duration(key);
        if (value > TimeSpan.Zero) return value;
        s.Diag.Error(s.KeyPath(key), $"must be longer than 0s; write e.g. {key} = {example}");
        return s.ReferenceTwin().Duration(key);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
