using Akka.Actor;
using Akka.Pattern;

namespace Supervisor.Actors.Supervision;

/// <summary>
/// Wraps a persistent actor in a backoff supervisor. When a journal write fails, Akka.Persistence STOPS the
/// actor (a restart could not know what was persisted); a plain parent would never bring it back, leaving a
/// group — or an agent — dead until the process restarts. This restarts it after 1 s, doubling to 30 s, and it
/// recovers from the journal as usual. Messages to the wrapper are forwarded with their sender.
/// </summary>
public static class PersistentChild
{
    public static Props Props(Props child, string childName) =>
        BackoffSupervisor.Props(Backoff.OnStop(child, childName, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, maxNrOfRetries: -1));
}
