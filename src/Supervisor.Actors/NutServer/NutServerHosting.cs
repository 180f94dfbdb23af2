using Akka.Hosting;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.NutServer;

/// <summary>Starts the NUT server facade on a supervisor node.</summary>
public static class NutServerHosting
{
    /// <summary>
    /// With <c>supervisor.nut-server.enabled</c>: starts <see cref="NutFacadeActor"/> at <c>/user/nut-server</c> (it binds
    /// <c>listen</c>) and registers it under <see cref="NutFacadeActor"/>. Call it after the inspector, whose status answer it reads.
    /// </summary>
    public static AkkaConfigurationBuilder WithNutServer(this AkkaConfigurationBuilder builder, SupervisorSettings settings) =>
        !settings.NutServer.Enabled ? builder : builder.WithActors((system, registry) =>
        {
            var inspector = registry.Get<InspectorActor>();
            registry.Register<NutFacadeActor>(system.ActorOf(
                NutFacadeActor.Props(settings.NutServer, settings.Groups, settings.Devices, inspector), NutFacadeActor.Name));
        });
}
