using Akka.Hosting;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Metrics;

/// <summary>Starts the metrics consumer a node's <c>/metrics</c> endpoint reads.</summary>
public static class MetricsHosting
{
    /// <summary>
    /// Starts <see cref="MetricsActor"/> at <c>/user/metrics</c> and registers it in the ActorRegistry under
    /// <see cref="MetricsActor"/> (the HTTP listener asks it <see cref="GetMetricsSnapshot"/> per scrape). Call it before
    /// the fleet, so it hears the first samples (a group publishes its sample only when it changes). Does nothing when
    /// the HTTP listener or its metrics are off.
    /// </summary>
    public static AkkaConfigurationBuilder WithMetrics(this AkkaConfigurationBuilder builder, SupervisorSettings settings) =>
        !settings.Http.Enabled || !settings.Http.Metrics.Enabled ? builder : builder.WithActors((system, registry) =>
        {
            var metrics = system.ActorOf(MetricsActor.Props(settings), MetricsActor.Name);
            // Subscribed here as well as in PreStart (which runs later, on another thread): the fleet's first facts would
            // otherwise find nobody listening. Subscribing twice is a no-op.
            system.EventStream.Subscribe(metrics, typeof(IFleetFact));
            registry.Register<MetricsActor>(metrics);
        });
}
