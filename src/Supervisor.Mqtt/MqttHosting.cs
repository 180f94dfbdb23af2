using Akka;
using Akka.Actor;
using Akka.Hosting;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Mqtt;

namespace Supervisor.Mqtt;

/// <summary>Starts the MQTT publisher on a supervisor node.</summary>
public static class MqttHosting
{
    /// <summary>
    /// With <c>supervisor.mqtt.enabled</c>: starts <see cref="MqttPublisherActor"/> at <c>/user/mqtt</c> and registers it
    /// under <see cref="MqttPublisherActor"/>. <paramref name="nodeAddress"/> ("host:port") names the node in the topics
    /// unless <c>node-id</c> does. Call it before the fleet, so it hears the first samples (a group publishes its sample
    /// only when it changes). On coordinated shutdown it says "offline" and disconnects before the actors stop.
    /// </summary>
    public static AkkaConfigurationBuilder WithMqtt(this AkkaConfigurationBuilder builder, SupervisorSettings settings, string nodeAddress) =>
        !settings.Mqtt.Enabled ? builder : builder.WithActors((system, registry) =>
        {
            var node = settings.Mqtt.NodeId ?? MqttTopics.NodeFromAddress(nodeAddress);
            var mqtt = system.ActorOf(MqttPublisherActor.Props(settings, node), MqttPublisherActor.Name);
            // Subscribed here as well as in PreStart (which runs later, on another thread): the fleet's first facts would
            // otherwise find nobody listening. Subscribing twice is a no-op.
            system.EventStream.Subscribe(mqtt, typeof(IFleetFact));
            registry.Register<MqttPublisherActor>(mqtt);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "mqtt-offline",
                () => mqtt.Ask<Done>(StopPublishing.Instance, TimeSpan.FromSeconds(5)).ContinueWith(_ => Done.Instance));
        });
}
