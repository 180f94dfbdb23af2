using Akka.Remote;
using Akka.Remote.Transport;

namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// Cuts (and heals) the network between in-process nodes with Akka.Remote's throttler transport adapter, the
/// mechanism Akka's own multi-node TestConductor uses: each node's config says
/// <c>akka.remote.dot-netty.tcp.applied-adapters = [trttl]</c> (see <see cref="Akka"/>), which puts the
/// throttler between the Akka protocol and TCP and makes node addresses <c>akka.trttl.tcp://…</c>. A blackhole
/// drops every message in both directions — heartbeats, gossip, pub-sub, system messages — while the TCP
/// connections stay open, like a switch that silently stops forwarding.
/// Anything else a node reaches (PostgreSQL, upsd) is not affected: the partition is between nodes only.
/// </summary>
public static class NetworkPartition
{
    /// <summary>The HOCON a node needs for <see cref="SplitAsync"/> to work on it.</summary>
    public const string Akka = "akka.remote.dot-netty.tcp.applied-adapters = [trttl]";

    /// <summary>Address scheme of a node with the throttler adapter (seeds must use it).</summary>
    public const string Scheme = "akka.trttl.tcp";

    /// <summary>Blackholes every link between a node of <paramref name="side1"/> and one of <paramref name="side2"/>, on both ends.</summary>
    public static Task SplitAsync(IReadOnlyCollection<InProcessNode> side1, IReadOnlyCollection<InProcessNode> side2) =>
        SetAsync(side1, side2, Blackhole.Instance);

    /// <summary>Lets traffic through again on every link between the two sides (nodes already terminated are skipped).</summary>
    public static Task HealAsync(IReadOnlyCollection<InProcessNode> side1, IReadOnlyCollection<InProcessNode> side2) =>
        SetAsync(side1.Where(n => !n.IsTerminated).ToList(), side2.Where(n => !n.IsTerminated).ToList(), Unthrottled.Instance);

    private static async Task SetAsync(IReadOnlyCollection<InProcessNode> side1, IReadOnlyCollection<InProcessNode> side2, ThrottleMode mode)
    {
        var commands = new List<Task<bool>>();
        foreach (var a in side1)
        foreach (var b in side2)
        {
            commands.Add(Transport(a).ManagementCommand(new SetThrottle(b.Address, ThrottleTransportAdapter.Direction.Both, mode)));
            commands.Add(Transport(b).ManagementCommand(new SetThrottle(a.Address, ThrottleTransportAdapter.Direction.Both, mode)));
        }
        var acks = await Task.WhenAll(commands).WaitAsync(TimeSpan.FromSeconds(10));
        if (acks.Any(ok => !ok))
            throw new InvalidOperationException($"a node did not acknowledge {mode.GetType().Name}: is {Akka} in its config?");
    }

    /// <summary>The node's remoting (what Akka's internal RARP.For(system).Provider.Transport returns).</summary>
    private static RemoteTransport Transport(InProcessNode node) => ((IRemoteActorRefProvider)((ExtendedActorSystem)node.System).Provider).Transport;
}
