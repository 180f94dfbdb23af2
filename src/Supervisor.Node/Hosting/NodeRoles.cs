namespace Supervisor.Node.Hosting;

/// <summary>Cluster role names, in one place.</summary>
public static class NodeRoles
{
    /// <summary>Runs devices, groups and sagas (as a cluster singleton).</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Runs this host's agent (needs <c>supervisor.agent</c>).</summary>
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Supervisor, Agent];

    /// <summary>The actor system name; part of every node address (akka.tcp://supervisor@host:port).</summary>
    public const string SystemName = "supervisor";
}
