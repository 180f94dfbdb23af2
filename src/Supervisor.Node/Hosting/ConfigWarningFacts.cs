using Akka.Actor;
using Akka.Cluster;
using Supervisor.Domain.Events;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Puts the config warnings a node started with into the event log (<see cref="ConfigWarningRaised"/>), so a likely
/// mistake (an unknown key, a device in no group) is on record where the fleet's story is, not only in one console
/// that scrolled past. Published once at start on the local stream: a supervisor node's history writer stores them at
/// once; an agent-only node's go out through the fact bridge like every other event (best effort while it is still
/// joining — they are in its console either way).
/// </summary>
internal static class ConfigWarningFacts
{
    public static void Publish(ActorSystem system, NodeConfiguration node)
    {
        var self = Cluster.Get(system).SelfAddress.ToString();
        var at = DateTimeOffset.UtcNow;
        foreach (var warning in node.Warnings)
            system.EventStream.Publish(new ConfigWarningRaised(self, warning.Path, warning.Message, at));
    }
}
