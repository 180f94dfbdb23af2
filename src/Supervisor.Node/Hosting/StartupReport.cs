using Akka.Actor;
using Akka.Event;

namespace Supervisor.Node.Hosting;

/// <summary>
/// Puts what <see cref="NodeStartup"/> found into the node's log, where operators (and log shippers) look, and into
/// <c>supervisor status</c> (it was printed to stderr before Akka started, too).
/// </summary>
internal static class StartupReport
{
    public static void Tell(ActorSystem system, NodeStartup startup)
    {
        var log = Logging.GetLogger(system, "supervisor");
        foreach (var warning in startup.Warnings) log.Warning("Supervisor: {0}", warning);
        if (startup.Journal is not { WasReset: true } reset) return;
        log.Error("Supervisor: {0}", reset.Explanation);
        Actors.Persistence.JournalHealth.Get(system).Notice($"at start: {reset.Explanation}");
    }
}
