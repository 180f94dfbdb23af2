using Akka.Configuration;
using Supervisor.Actors.Hosting;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Coordination;

/// <summary>
/// With the PostgreSQL journal, the supervisor singleton runs only while its node holds a <see cref="PostgresLease"/>
/// in that database. The lease, not down-removal-margin, then keeps the two sides of a partition from running it at
/// once, so the margin (3 s in cluster.hocon) drops and fail-over is that much faster. SQLite (one node): no lease.
/// </summary>
public static class SingletonLeaseHocon
{
    /// <summary>Where the lease's settings live; <c>akka.cluster.singleton.use-lease</c> names this path.</summary>
    public const string ConfigPath = "akka.cluster.singleton.postgresql-lease";

    /// <summary>Margin with the lease: nothing waits on it for safety any more; it only spaces removal and take-over.</summary>
    public static readonly TimeSpan RemovalMarginWithLease = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The lease block and <c>use-lease</c> (empty for SQLite). Layer it BELOW the user's file, so any of these keys can
    /// still be tuned there. TTL 6 s: a killed holder's claim is gone by the time SBR has downed and removed it (~6.4 s).
    /// release-grace 1 s: time for the old singleton to finish stopping after Akka releases (see PostgresLease.Release).
    /// </summary>
    public static Config Lease(JournalSettings journal) => journal.Provider != JournalProvider.PostgreSql
        ? Config.Empty
        : ConfigurationFactory.ParseString($$"""
            akka.cluster.singleton {
              use-lease = "{{ConfigPath}}"
              lease-retry-interval = 500ms
              postgresql-lease {{LeaseBlock(journal, releaseGrace: TimeSpan.FromSeconds(1))}}
            }
            """);

    /// <summary>
    /// One <see cref="PostgresLease"/> settings block (<c>{ lease-class = …, … }</c>) on the journal's database, shared by the
    /// singleton's and the shards' lease. Only the release grace differs: see <see cref="PostgresLease.Release"/>.
    /// </summary>
    public static string LeaseBlock(JournalSettings journal, TimeSpan releaseGrace) => $$"""
        {
          lease-class = "{{typeof(PostgresLease).AssemblyQualifiedName}}"
          heartbeat-timeout = 6s
          heartbeat-interval = 1s
          lease-operation-timeout = 3s
          release-grace = {{releaseGrace.TotalMilliseconds}}ms
          connection-string = {{SupervisorHocon.Quote(journal.ConnectionString!.Reveal())}}
        }
        """;

    /// <summary>
    /// The lower removal margin, for layering ABOVE cluster.hocon: empty for SQLite, and empty when the user's own file
    /// sets <c>akka.cluster.down-removal-margin</c> (theirs wins).
    /// </summary>
    public static Config RemovalMargin(JournalSettings journal, Config userFile) =>
        journal.Provider != JournalProvider.PostgreSql || userFile.HasPath("akka.cluster.down-removal-margin")
            ? Config.Empty
            : ConfigurationFactory.ParseString($"akka.cluster.down-removal-margin = {RemovalMarginWithLease.TotalMilliseconds}ms");
}
