using Akka.Cluster.Tools.PublishSubscribe;

namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// A second, silent subscriber to an agent's pub-sub topic (<c>agent/&lt;host&gt;</c>) on the agent's node: it
/// sees every <see cref="ExecuteStep"/> that reaches that node, with the address of the node whose saga sent
/// it (pub-sub keeps the original sender, which is how the agent replies). It never answers; the real agent does.
/// </summary>
public sealed class AgentTopicSpy
{
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(DateTime At, string FromNode, ExecuteStep Step);

    public IReadOnlyList<Received> All => _received.ToList();

    /// <summary>Subscribes on <paramref name="agentNode"/>'s mediator; returns once the subscription is acknowledged locally.</summary>
    public static async Task<AgentTopicSpy> SubscribeAsync(InProcessNode agentNode, string host)
    {
        var spy = new AgentTopicSpy();
        var actor = ((ExtendedActorSystem)agentNode.System).SystemActorOf(Props.Create(() => new Listener(spy)), "test-agent-topic-spy");
        await DistributedPubSub.Get(agentNode.System).Mediator.Ask<SubscribeAck>(new Subscribe(ClusterNames.Topics.Agent(host), actor), TimeSpan.FromSeconds(10));
        return spy;
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(AgentTopicSpy spy) =>
            Receive<ExecuteStep>(m => spy._received.Enqueue(new Received(DateTime.UtcNow, Sender.Path.Address.ToString(), m)));
    }
}
