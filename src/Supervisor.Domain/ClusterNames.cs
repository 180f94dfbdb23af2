namespace Supervisor.Domain;

/// <summary>
/// Every name nodes of one cluster must agree on: the actor system, the roles, where the fleet lives and the
/// DistributedPubSub topics. They are wire contracts: a node address, a singleton path or a topic that differs
/// between two versions splits a rolling upgrade, so each is written once, here, and referenced everywhere else
/// (the CLI, the integration tests and the fail-over timeline rely on the paths).
/// </summary>
public static class ClusterNames
{
    /// <summary>The actor system name; part of every node address (<c>akka.tcp://supervisor@host:port</c>).</summary>
    public const string SystemName = "supervisor";

    /// <summary>Cluster role names (<c>akka.cluster.roles</c>, <c>--roles</c>).</summary>
    public static class Roles
    {
        /// <summary>Runs devices, groups and sagas (as a cluster singleton, or as sharded partitions).</summary>
        public const string Supervisor = "supervisor";

        /// <summary>Runs this host's agent (needs <c>supervisor.agent</c>).</summary>
        public const string Agent = "agent";

        public static readonly IReadOnlyList<string> All = [Supervisor, Agent];
    }

    /// <summary>Where the fleet runs, per placement mode.</summary>
    public static class Fleet
    {
        /// <summary>The singleton manager, on every supervisor node: <c>/user/supervisor</c>.</summary>
        public const string SingletonManager = "supervisor";

        /// <summary>The singleton the oldest supervisor node runs under its manager: <c>/user/supervisor/singleton</c>.</summary>
        public const string Singleton = "singleton";

        /// <summary>The full path of the running singleton (on the node that runs it).</summary>
        public const string SingletonPath = "/user/" + SingletonManager + "/" + Singleton;

        /// <summary>Each supervisor node's proxy to the singleton, wherever it runs: <c>/user/supervisor-proxy</c>.</summary>
        public const string SingletonProxy = "supervisor-proxy";

        /// <summary>The Cluster Sharding entity type of <c>placement.mode = sharded</c> (one entity per partition).</summary>
        public const string ShardingTypeName = "supervisor-partition";
    }

    /// <summary>Where the notifier (issue 12) runs: one per cluster, a singleton on the supervisor role.</summary>
    public static class Notifier
    {
        /// <summary>The singleton manager, on every supervisor node: <c>/user/notifier</c>.</summary>
        public const string SingletonManager = "notifier";

        /// <summary>The singleton under its manager: <c>/user/notifier/singleton</c>.</summary>
        public const string Singleton = "singleton";

        /// <summary>Each supervisor node's proxy to it: <c>/user/notifier-proxy</c>.</summary>
        public const string SingletonProxy = "notifier-proxy";
    }

    /// <summary>Where the alert rules are evaluated (issue 12): one per cluster, a singleton on the supervisor role.</summary>
    public static class Alerts
    {
        /// <summary>The singleton manager, on every supervisor node: <c>/user/alerts</c>.</summary>
        public const string SingletonManager = "alerts";

        /// <summary>The singleton under its manager: <c>/user/alerts/singleton</c>.</summary>
        public const string Singleton = "singleton";

        /// <summary>Each supervisor node's proxy to it: <c>/user/alerts-proxy</c>.</summary>
        public const string SingletonProxy = "alerts-proxy";
    }

    /// <summary>DistributedPubSub topics (and the local event stream's classes for facts).</summary>
    public static class Topics
    {
        /// <summary>High-volume samples (<c>DeviceSampled</c>, <c>GroupSampled</c>); they stay on the node that made them.</summary>
        public const string Readings = "readings";

        /// <summary>Low-volume events (<c>FleetEvent</c>): health and quorum changes, saga progress, fail-safe, membership.</summary>
        public const string Events = "events";

        /// <summary>Supervisor nodes announce their fleet fingerprint here, so two nodes running different fleets are noticed.</summary>
        public const string FleetFingerprints = "supervisor/fleet";

        /// <summary>A node with live viewers (the HTTP stream) asks here, every few seconds, for every node's samples on <see cref="Readings"/>.</summary>
        public const string LiveReadingsWanted = "live/readings-wanted";

        /// <summary>The topic an agent listens on: sagas and groups address agents by host name, never by node address.</summary>
        public static string Agent(string host) => $"agent/{host}";

        /// <summary>Every agent listens here too, for questions to all of them at once (<c>doctor --node</c>'s probes).</summary>
        public const string Agents = "agents";
    }
}
