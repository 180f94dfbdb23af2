namespace Supervisor.Domain.Configuration;

/// <summary>A level of Akka's own log lines; <c>Off</c> hides them all.</summary>
public enum AkkaLogLevel { Debug, Info, Warning, Error, Off }

/// <summary>
/// <c>supervisor.log</c>: what the node's log shows. The supervisor's own lines (devices, groups, sagas, agents) always
/// show; Akka's (remoting, cluster membership, singletons, persistence) only from <see cref="AkkaLevel"/> up, so the
/// default log is the story of the fleet, not of the actor system's plumbing.
/// </summary>
public sealed record LogSettings(AkkaLogLevel AkkaLevel)
{
    /// <summary>What code that builds settings without reading a config uses (the loader reads reference.conf's value).</summary>
    public static LogSettings Default { get; } = new(AkkaLogLevel.Warning);
}
