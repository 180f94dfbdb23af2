using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Puts what <see cref="NodeStartup"/> found into the node's log, where operators (and log shippers) look, and into
/// <c>supervisor status</c>. Logged once the node is Up, so it is not lost among (or before) the start-up lines; it was
/// printed to stderr before Akka started.
/// </summary>
internal static class StartupReport
{
    public static void Tell(ActorSystem system, NodeStartup startup)
    {
        if (startup.Journal is { WasReset: true } reset) Actors.Persistence.JournalHealth.Get(system).Notice($"at start: {reset.Explanation}");
        Cluster.Get(system).RegisterOnMemberUp(() =>
        {
            var log = Logging.GetLogger(system, "supervisor");
            foreach (var warning in startup.Warnings) log.Warning("Supervisor: {0}", warning);
            if (startup.Journal is { WasReset: true } moved) log.Error("Supervisor: {0}", moved.Explanation);
        });
    }
}
