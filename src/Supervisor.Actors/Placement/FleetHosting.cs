using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Supervisor.Actors.Supervision;
using Supervisor.Domain;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Placement;
using Supervisor.Drivers;

namespace Supervisor.Actors.Placement;

/// <summary>
/// ActorRegistry key of the fleet's front door on a supervisor node: the singleton's proxy, or the sharded fleet's
/// inspection (<see cref="ShardedFleetInspection"/>). Both answer the inspection requests for the whole fleet,
/// wherever its devices, groups and sagas run (inject <c>IRequiredActor&lt;SupervisorFleet&gt;</c>).
/// </summary>
public sealed class SupervisorFleet;

/// <summary>ActorRegistry key of the shard region of <c>placement.mode = sharded</c> (one entity per partition).</summary>
public sealed class FleetPartitions;

/// <summary>Starts the fleet (devices, groups, sagas) on a supervisor node, placed as <c>supervisor.placement</c> says.</summary>
public static class FleetHosting
{
    /// <summary>
    /// Starts the fleet and registers its front door under <see cref="SupervisorFleet"/> (and, sharded, the region
    /// under <see cref="FleetPartitions"/>). Call it on nodes with role <c>supervisor</c>, after the fact bridge.
    /// </summary>
    /// <param name="drivers">How a device's driver is made; the real drivers when null.</param>
    public static AkkaConfigurationBuilder WithSupervisorFleet(this AkkaConfigurationBuilder builder, SupervisorSettings settings,
        Func<DeviceSettings, IDeviceDriver>? drivers = null)
    {
        drivers ??= device => DeviceDriverFactory.Create(device, TimeProvider.System);
        return settings.Placement.Mode == PlacementMode.Sharded
            ? builder.WithShardedFleet(settings, drivers)
            : builder.WithSingletonFleet(settings, drivers);
    }

    /// <summary>
    /// Starts <see cref="FleetConsistencyActor"/> at <c>/user/fleet-consistency</c> (registered under its type): it
    /// tells, by an ERROR, when another supervisor node runs a different fleet or placement.
    /// </summary>
    public static AkkaConfigurationBuilder WithFleetConsistency(this AkkaConfigurationBuilder builder, SupervisorSettings settings) =>
        builder.WithActors((system, registry) => registry.Register<FleetConsistencyActor>(system.ActorOf(
            FleetConsistencyActor.Props(DistributedPubSub.Get(system).Mediator, Cluster.Get(system).SelfAddress.ToString(), FleetFingerprint.Of(settings)),
            "fleet-consistency")));

    /// <summary>
    /// Singleton placement: every supervisor node runs the singleton manager at <c>/user/supervisor</c> (the oldest runs
    /// the fleet at <c>/user/supervisor/singleton</c>) and a proxy at <c>/user/supervisor-proxy</c>, through which its
    /// inspector reaches the fleet wherever it runs (<see cref="Hosting.SupervisorSingleton"/>: the paths are the ones
    /// earlier versions, the fail-over tests and the scale bench use; lease and hand-over settings from the config, see
    /// <see cref="Coordination.SingletonLeaseHocon"/>).
    /// </summary>
    private static AkkaConfigurationBuilder WithSingletonFleet(this AkkaConfigurationBuilder builder, SupervisorSettings settings,
        Func<DeviceSettings, IDeviceDriver> drivers) =>
        builder.WithActors((system, registry) =>
        {
            var root = SupervisorRootActor.Props(settings, drivers, DistributedPubSub.Get(system).Mediator);
            registry.Register<SupervisorFleet>(Hosting.SupervisorSingleton.Start(system, root,
                ClusterNames.Fleet.SingletonManager, ClusterNames.Fleet.Singleton, ClusterNames.Fleet.SingletonProxy));
        });

    /// <summary>
    /// Sharded placement: the fleet is split into partitions (<see cref="FleetPartitioner"/>), each a sharding entity that
    /// runs a <see cref="SupervisorRootActor"/> over its part; every supervisor node hosts some and keeps them all alive.
    /// The inspection asks every partition and merges the answers. The region's settings are the config's
    /// (<see cref="ShardingHocon"/>, a layer below the user's file): the options below only name the role, as that does.
    /// </summary>
    private static AkkaConfigurationBuilder WithShardedFleet(this AkkaConfigurationBuilder builder, SupervisorSettings settings,
        Func<DeviceSettings, IDeviceDriver> drivers)
    {
        var partitions = FleetPartitioner.Split(settings, settings.Placement.Partitions);
        return builder
            .WithShardRegion<FleetPartitions>(ClusterNames.Fleet.ShardingTypeName, (system, _, _) =>
                {
                    var mediator = DistributedPubSub.Get(system).Mediator;
                    return id => SupervisorRootActor.Props(partitions[int.Parse(id, CultureInfo.InvariantCulture)], drivers, mediator,
                        partition: $"{id}/{partitions.Count}");
                },
                new PartitionMessageExtractor(), new ShardOptions { Role = ClusterNames.Roles.Supervisor })
            .WithActors((system, registry) =>
            {
                var region = registry.Get<FleetPartitions>();
                system.ActorOf(PartitionKeepAlive.Props(region, partitions.Count), "partition-keep-alive");
                registry.Register<SupervisorFleet>(system.ActorOf(ShardedFleetInspection.Props(region, settings, partitions), "fleet-inspection"));
            });
    }
}
