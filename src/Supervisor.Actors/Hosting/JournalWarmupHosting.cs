using Akka.Actor;
using Akka.Hosting;

namespace Supervisor.Actors.Hosting;

/// <summary>Starts the journal warm-up on a supervisor node.</summary>
public static class JournalWarmupHosting
{
    public const string ActorName = "journal-warmup";

    /// <summary>
    /// Starts <see cref="JournalWarmup"/> at <c>/user/journal-warmup</c>: standbys meet the journal warm, not
    /// mid-fail-over. Call it before the fleet. Not registered in the ActorRegistry: it stops itself when done, and
    /// nothing talks to it.
    /// </summary>
    public static AkkaConfigurationBuilder WithJournalWarmup(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _) => system.ActorOf(Props.Create<JournalWarmup>(), ActorName));
}
