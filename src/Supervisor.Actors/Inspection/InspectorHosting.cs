using Akka.Hosting;
using Supervisor.Actors.Placement;

namespace Supervisor.Actors.Inspection;

/// <summary>
/// ActorRegistry key of the actor that answers <see cref="HistoryRequest"/> and <see cref="EventsRequest"/> from the
/// history store (Supervisor.History's reader registers itself here; this project cannot name its type).
/// </summary>
public sealed class HistoryReader;

/// <summary>Starts the inspector, which answers the CLI (and later the web), on every node.</summary>
public static class InspectorHosting
{
    /// <summary>
    /// Starts <see cref="InspectorActor"/> at <c>/user/inspector</c> and registers it under <see cref="InspectorActor"/>.
    /// It passes fleet questions to whatever is registered under <see cref="SupervisorFleet"/> and history questions to
    /// <see cref="HistoryReader"/>, notify questions to <see cref="Notifications.NotifierFront"/>, alerts questions to <see cref="Alerts.AlertsFront"/>; where none is (an agent node), it asks a supervisor node. Call it last, after the
    /// extensions that register those.
    /// </summary>
    public static AkkaConfigurationBuilder WithInspector(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
        {
            var fleet = registry.TryGet<SupervisorFleet>(out var front) ? front : null;
            var history = registry.TryGet<HistoryReader>(out var reader) ? reader : null;
            var notifier = registry.TryGet<Notifications.NotifierFront>(out var proxy) ? proxy : null;
            var alerts = registry.TryGet<Alerts.AlertsFront>(out var alertsProxy) ? alertsProxy : null;
            registry.Register<InspectorActor>(system.ActorOf(InspectorActor.Props(fleet, history, notifier, alerts), InspectorActor.Name));
        });
}
