using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Supervisor.Actors.Supervision;
using Supervisor.Domain;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Agents;

/// <summary>Starts this host's agent on a node (role <c>agent</c>).</summary>
public static class AgentHosting
{
    /// <summary>The agent's backoff supervisor; the agent itself is its child <c>host</c> (<c>/user/agent/host</c>).</summary>
    public const string ActorName = "agent";

    /// <summary>
    /// Starts <see cref="HostAgentActor"/> under a backoff supervisor at <c>/user/agent</c> (a failed journal write
    /// stops it; the supervisor brings it back), subscribes it to its host's topic
    /// (<see cref="ClusterNames.Topics.Agent"/>) and registers the supervisor, which forwards to the agent, under
    /// <see cref="HostAgentActor"/> (inject <c>IRequiredActor&lt;HostAgentActor&gt;</c>).
    /// </summary>
    /// <param name="forceDryRun"><c>--dry-run</c>: log every command instead of running it, whatever the config says.</param>
    public static AkkaConfigurationBuilder WithHostAgent(this AkkaConfigurationBuilder builder, AgentSettings agent, bool forceDryRun) =>
        builder.WithActors((system, registry) =>
        {
            var actor = system.ActorOf(PersistentChild.Props(HostAgentActor.Props(agent, forceDryRun, agent.ActionLog), "host"), ActorName);
            DistributedPubSub.Get(system).Mediator.Tell(new Subscribe(ClusterNames.Topics.Agent(agent.Host), actor));
            DistributedPubSub.Get(system).Mediator.Tell(new Subscribe(ClusterNames.Topics.Agents, actor));
            registry.Register<HostAgentActor>(actor);
        });
}
