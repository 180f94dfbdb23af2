using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Supervisor.Actors.Agents;
using Supervisor.Domain;

namespace Supervisor.Actors.Inspection;

/// <summary>CLI → inspector (<c>doctor --node</c>): ask every agent of the cluster to probe its actions, wait up to <paramref name="Wait"/>.</summary>
public sealed record AgentsProbeRequest(TimeSpan Wait) : IWireMessage;

/// <summary>
/// The agents' answers. <paramref name="SentAt"/> is the inspector's clock when it asked: an agent's
/// <see cref="AgentProbeReport.ReceivedAt"/> minus it is that agent's clock skew (plus one network hop).
/// <paramref name="AgentNodes"/>: members with role agent that were up, so a missing answer shows.
/// </summary>
public sealed record AgentsProbeView(DateTimeOffset SentAt, IReadOnlyList<AgentProbeReport> Agents, int AgentNodes) : IWireMessage;

/// <summary>
/// One <see cref="AgentsProbeRequest"/>: publishes <see cref="AgentProbeRequest"/> on the all-agents topic, collects the
/// reports until every up agent-role member has answered or the wait is over, answers the asker, and stops.
/// </summary>
internal sealed class AgentProbeCollector : ReceiveActor, IWithTimers
{
    private readonly List<AgentProbeReport> _reports = [];
    private readonly string _requestId = Guid.NewGuid().ToString("N")[..8];

    public ITimerScheduler Timers { get; set; } = null!;

    private readonly TimeSpan _wait;

    public AgentProbeCollector(IActorRef asker, TimeSpan wait, TimeProvider clock)
    {
        _wait = wait;
        var cluster = Cluster.Get(Context.System);
        var agentNodes = cluster.State.Members.Count(m => m.Status == MemberStatus.Up && m.HasRole(ClusterNames.Roles.Agent));
        var sentAt = clock.GetUtcNow();
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(ClusterNames.Topics.Agents, new AgentProbeRequest(_requestId)), Self);

        void Finish()
        {
            asker.Tell(new AgentsProbeView(sentAt, _reports.OrderBy(r => r.Host, StringComparer.Ordinal).ToList(), agentNodes));
            Context.Stop(Self);
        }

        Receive<AgentProbeReport>(r => r.RequestId == _requestId, r =>
        {
            _reports.Add(r);
            if (_reports.Count >= agentNodes) Finish();
        });
        Receive<ReceiveTimeout>(_ => Finish());
    }

    // Timers are handed to the actor after its constructor.
    protected override void PreStart() => Timers.StartSingleTimer("wait", ReceiveTimeout.Instance, _wait);

    public static Props Props(IActorRef asker, TimeSpan wait) => Akka.Actor.Props.Create(() => new AgentProbeCollector(asker, wait, TimeProvider.System));
}
