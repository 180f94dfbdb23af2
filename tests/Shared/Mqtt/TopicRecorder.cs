using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MQTTnet;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real MQTT subscriber on <c>#</c> that keeps every message it receives, for tests to wait on. It needs MQTTnet, so
/// it lives outside RealServers/, which test projects without MQTTnet compile whole.
/// </summary>
public sealed class TopicRecorder : IAsyncDisposable
{
    public sealed record Message(string Topic, string Payload, bool Retained, DateTimeOffset At)
    {
        public JsonNode Json => JsonNode.Parse(Payload)!;
    }

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<Message> _messages = new();

    private TopicRecorder() =>
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Enqueue(new(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? "", e.ApplicationMessage.Retain, DateTimeOffset.UtcNow));
            return Task.CompletedTask;
        };

    public IReadOnlyList<Message> Messages => [.. _messages];

    /// <summary>Messages received so far (cheap: for counting at 10 000 devices).</summary>
    public int Count => _messages.Count;

    public IEnumerable<Message> On(string topic) => _messages.Where(m => m.Topic == topic);

    public static async Task<TopicRecorder> StartAsync(MosquittoServer broker, string filter = "#", (string User, string Password)? login = null)
    {
        var recorder = new TopicRecorder();
        var options = new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("recorder-" + Guid.NewGuid().ToString("N")[..8]);
        if (login is { } l) options.WithCredentials(l.User, l.Password);
        await recorder._client.ConnectAsync(options.Build());
        await recorder._client.SubscribeAsync(filter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        return recorder;
    }

    /// <summary>Publishes as another client would (Home Assistant announcing itself).</summary>
    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build());

    public async Task<Message> WaitForAsync(Func<Message, bool> match, TimeSpan within, string what)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (_messages.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no {what} within {within.TotalSeconds}s; received:\n" +
            string.Join('\n', _messages.Select(m => $"{m.Topic} {(m.Retained ? "(retained) " : "")}{m.Payload}")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
