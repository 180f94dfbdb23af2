using Akka.Hosting;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.History.Query;
using Supervisor.History.Store;
using Supervisor.History.Writer;

namespace Supervisor.History.Hosting;

/// <summary>Starts the history writer on a node and says where its data lives.</summary>
public static class HistoryHosting
{
    /// <summary>
    /// The backend the settings ask for: PostgreSQL when the journal is PostgreSQL (same database, tables <c>stats_*</c>),
    /// else SQLite in <c>data-dir/stats.db</c>.
    /// </summary>
    public static IHistoryBackend Backend(string dataDir, JournalSettings journal) =>
        journal is { Provider: JournalProvider.PostgreSql, ConnectionString: { } connection }
            ? new PostgresHistoryBackend(connection.Reveal())
            : new SqliteHistoryBackend(dataDir);

    /// <summary>A query object over the same store (for the inspector, the CLI and the web).</summary>
    public static HistoryQuery Query(StatsSettings stats, string dataDir, JournalSettings journal, TimeProvider? clock = null) =>
        new(Backend(dataDir, journal), stats.Retention, clock);

    /// <summary>
    /// Starts <see cref="StatsWriterActor"/> at <c>/user/stats-writer</c> and registers it in the ActorRegistry under
    /// <see cref="StatsWriterActor"/> (inject <c>IRequiredActor&lt;StatsWriterActor&gt;</c>; ask it <see cref="GetHistoryStatus"/>).
    /// Call it on nodes that run devices (role supervisor): the writer stores what this node's actors publish on its
    /// local event stream, so with several nodes each fact is written once, by the node where it happened.
    /// Also starts <see cref="HistoryReaderActor"/> at <c>/user/history-reader</c>, registered under the inspector's key for it,
    /// <see cref="HistoryReader"/>: the inspector asks it for <c>history</c> and <c>events</c>.
    /// Does nothing when <c>supervisor.stats.enabled = off</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithHistory(this AkkaConfigurationBuilder builder, StatsSettings stats, string dataDir, JournalSettings journal,
        TimeProvider? clock = null)
    {
        if (!stats.Enabled) return builder;
        var backend = Backend(dataDir, journal);
        return builder.WithActors((system, registry) =>
        {
            var writer = system.ActorOf(StatsWriterActor.Props(backend, stats, clock: clock), StatsWriterActor.Name);
            // Subscribed here, not only in its PreStart (which runs later, on another thread): a fact the next module
            // publishes at start (the config warnings) would otherwise find nobody listening. Subscribing twice is a no-op.
            system.EventStream.Subscribe(writer, typeof(IFleetFact));
            registry.Register<StatsWriterActor>(writer);
            // The reader shares nothing with the writer but the store: each query opens its own pooled connection.
            registry.Register<HistoryReader>(system.ActorOf(HistoryReaderActor.Props(new HistoryQuery(backend, stats.Retention, clock)), HistoryReaderActor.Name));
        });
    }
}
