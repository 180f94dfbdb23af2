using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Supervisor.Domain;

namespace Supervisor.Actors.Hosting;

/// <summary>
/// A cluster singleton on the supervisor role, written out with fixed paths (<c>/user/{manager}/{singleton}</c> and
/// <c>/user/{proxy}</c>) rather than Akka.Hosting's <c>WithSingleton</c>, whose proxy name follows the singleton's. Lease and
/// hand-over settings come from the config (<c>akka.cluster.singleton</c>), so every singleton of ours shares them.
/// </summary>
public static class SupervisorSingleton
{
    /// <summary>Starts the manager (on every supervisor node; the oldest runs <paramref name="props"/>) and returns the proxy.</summary>
    public static IActorRef Start(ActorSystem system, Props props, string manager, string singleton, string proxy)
    {
        system.ActorOf(ClusterSingletonManager.Props(props, PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system).WithRole(ClusterNames.Roles.Supervisor).WithSingletonName(singleton)), manager);
        return system.ActorOf(ClusterSingletonProxy.Props($"/user/{manager}",
            ClusterSingletonProxySettings.Create(system).WithRole(ClusterNames.Roles.Supervisor).WithSingletonName(singleton)), proxy);
    }
}
