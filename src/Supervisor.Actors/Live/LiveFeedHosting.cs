using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;

namespace Supervisor.Actors.Live;

/// <summary>Starts the live-feed actors (design §11): the relay where samples are made, the feed where viewers connect.</summary>
public static class LiveFeedHosting
{
    /// <summary>Starts <see cref="ReadingsRelayActor"/> at <c>/user/readings-relay</c> (on nodes that poll devices) and registers it.</summary>
    public static AkkaConfigurationBuilder WithReadingsRelay(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<ReadingsRelayActor>(system.ActorOf(ReadingsRelayActor.Props(DistributedPubSub.Get(system).Mediator), ReadingsRelayActor.Name)));

    /// <summary>Starts <see cref="LiveFeedActor"/> at <c>/user/live-feed</c> (on nodes that serve the HTTP stream) and registers it.</summary>
    public static AkkaConfigurationBuilder WithLiveFeed(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
            registry.Register<LiveFeedActor>(system.ActorOf(LiveFeedActor.Props(DistributedPubSub.Get(system).Mediator), LiveFeedActor.Name)));
}
