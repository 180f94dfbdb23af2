using Akka.Actor;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Mqtt;
using Supervisor.Mqtt;
using Supervisor.Tests.RealServers;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// <c>scale --mqtt on</c>: a real mosquitto, the node's MQTT publisher on the fleet's facts (subscribed before the fleet,
/// as WithMqtt does), and a subscriber on <c>supervisor/#</c> counting what reaches the broker in the window.
/// </summary>
internal sealed class MqttLoad : IAsyncDisposable
{
    private readonly MosquittoServer _broker;
    private readonly TopicRecorder _recorder;
    private int _atWindowStart;

    private MqttLoad(MosquittoServer broker, TopicRecorder recorder) => (_broker, _recorder) = (broker, recorder);

    public static async Task<MqttLoad> StartAsync(ActorSystem system, SupervisorSettings settings)
    {
        var broker = new MosquittoServer();
        await broker.StartAsync();
        var recorder = await TopicRecorder.StartAsync(broker, "supervisor/#");
        var mqtt = settings.Mqtt with { Enabled = true, Host = broker.Host, Port = broker.Port, NodeId = "bench" };
        var publisher = system.ActorOf(MqttPublisherActor.Props(settings with { Mqtt = mqtt }, "bench"), MqttPublisherActor.Name);
        system.EventStream.Subscribe(publisher, typeof(Domain.Events.IFleetFact));
        await recorder.WaitForAsync(m => m.Topic == "supervisor/bench/availability" && m.Payload == MqttTopics.Online, TimeSpan.FromSeconds(30), "the publisher online");
        return new MqttLoad(broker, recorder);
    }

    public void StartWindow() => _atWindowStart = _recorder.Count;

    public string Summary(double windowSeconds)
    {
        var received = _recorder.Count - _atWindowStart;
        return $"  mqtt: {received} state message(s) reached the broker in the window, {received / windowSeconds:0} /s";
    }

    public async ValueTask DisposeAsync()
    {
        await _recorder.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
