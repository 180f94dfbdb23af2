using Akka.Configuration;
using Akka.Persistence.Sql;
using Supervisor.Actors.Persistence;
using Supervisor.Actors.Serialization;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Hosting;

/// <summary>
/// The Akka settings Supervisor cannot run without (serializer bindings, journal), built in code so a
/// user config can't drop them by accident. Users still override journal details (e.g. PostgreSQL) by
/// setting the same keys in their file, which is layered above this.
/// </summary>
public static class SupervisorHocon
{
    /// <summary>
    /// SQLite journal + snapshot store in <c>{dataDir}/journal.db</c> (single-node default). Reads use
    /// read-uncommitted because that is the only level for which Microsoft.Data.Sqlite opens a deferred
    /// transaction (<c>BEGIN</c>); every other level opens <c>BEGIN IMMEDIATE</c>, which takes the write lock, so a
    /// recovery read had to wait (150 ms per SQLITE_BUSY retry) for any write in flight. SQLite itself still reads a
    /// consistent snapshot: without shared cache, read_uncommitted changes nothing else.
    /// </summary>
    public static Config SqliteJournal(string dataDir) => SqliteJournal(dataDir, JournalIdentity.Sqlite(dataDir));

    private static Config SqliteJournal(string dataDir, JournalIdentity identity)
    {
        // Built, never concatenated: a data dir with ';', '=' or a quote in it must name that directory, not end the
        // connection string early or break the HOCON around it (issue 9: such a node validated OK and then never shut down).
        var connection = Quote(SqliteJournalFile.ConnectionString(dataDir));
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  provider-name = "SQLite.MS", connection-string = {{connection}}, auto-initialize = on, read-isolation-level = read-uncommitted
                  {{Resilience(identity)}}
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql { provider-name = "SQLite.MS", connection-string = {{connection}}, auto-initialize = on, read-isolation-level = read-uncommitted }
              }
              # `supervisor sagas` reads finished sagas back from the journal.
              query.journal.sql { provider-name = "SQLite.MS", connection-string = {{connection}}, read-isolation-level = read-uncommitted }
            }
            """);
    }

    /// <summary>
    /// PostgreSQL journal + snapshot store + read journal (multi-host): every supervisor node must reach the same
    /// database, so the singleton can recover groups and sagas wherever it moves. Tables are created on first use.
    /// </summary>
    public static Config PostgreSqlJournal(string connectionString)
    {
        var quoted = Quote(connectionString);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  provider-name = "PostgreSQL.15", connection-string = {{quoted}}, auto-initialize = on
                  {{Resilience(JournalIdentity.PostgreSql(connectionString))}}
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql { provider-name = "PostgreSQL.15", connection-string = {{quoted}}, auto-initialize = on }
              }
              query.journal.sql { provider-name = "PostgreSQL.15", connection-string = {{quoted}} }
            }
            """);
    }

    /// <summary>
    /// Our journal class instead of Akka.Persistence.Sql's, and what it needs to name the journal in its messages
    /// (see <see cref="ResilientSqlJournal"/>). write-timeout: a write still running after this long is held in memory
    /// and the actor carries on; a user's file may set akka.persistence.journal.sql.supervisor.write-timeout.
    /// </summary>
    private static string Resilience(JournalIdentity identity) => $$"""
        class = "{{typeof(ResilientSqlJournal).FullName}}, {{typeof(ResilientSqlJournal).Assembly.GetName().Name}}"
        supervisor { journal = {{Quote(identity.Description)}}, location = {{Quote(identity.Location)}}, write-timeout = 2s }
        """;

    /// <summary>A HOCON string literal: backslashes and quotes escaped (control characters never get this far: the config reader refuses them).</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>The journal the settings ask for.</summary>
    public static Config Journal(SupervisorSettings settings) => settings.Journal.Provider == JournalProvider.PostgreSql
        ? PostgreSqlJournal(settings.Journal.ConnectionString!.Reveal())
        : SqliteJournal(settings.DataDir);

    /// <summary>Serializer + the configured journal, with the Akka.Persistence.Sql defaults underneath.</summary>
    public static Config Essentials(SupervisorSettings settings) =>
        Serialization.WithFallback(Journal(settings)).WithFallback(SqlPersistence.DefaultConfiguration);

    public static Config Serialization { get; } = ConfigurationFactory.ParseString(SupervisorSerializer.Hocon);

    /// <summary>Serializer + journal, with the Akka.Persistence.Sql defaults underneath (without them: "Plugin class name must be defined").</summary>
    public static Config Essentials(string dataDir) =>
        Serialization.WithFallback(SqliteJournal(dataDir)).WithFallback(SqlPersistence.DefaultConfiguration);
}
