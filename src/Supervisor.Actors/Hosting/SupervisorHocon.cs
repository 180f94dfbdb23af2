using Akka.Configuration;
using Akka.Persistence.Sql;
using Supervisor.Actors.Serialization;

namespace Supervisor.Actors.Hosting;

/// <summary>
/// The Akka settings Supervisor cannot run without (serializer bindings, journal), built in code so a
/// user config can't drop them by accident. Users still override journal details (e.g. PostgreSQL) by
/// setting the same keys in their file, which is layered above this.
/// </summary>
public static class SupervisorHocon
{
    /// <summary>SQLite journal + snapshot store in <c>{dataDir}/journal.db</c> (single-node default).</summary>
    public static Config SqliteJournal(string dataDir)
    {
        var path = Path.GetFullPath(Path.Combine(dataDir, "journal.db")).Replace("\\", "/");
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql { provider-name = "SQLite.MS", connection-string = "Data Source={{path}}", auto-initialize = on }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql { provider-name = "SQLite.MS", connection-string = "Data Source={{path}}", auto-initialize = on }
              }
              # `supervisor sagas` reads finished sagas back from the journal.
              query.journal.sql { provider-name = "SQLite.MS", connection-string = "Data Source={{path}}" }
            }
            """);
    }

    public static Config Serialization { get; } = ConfigurationFactory.ParseString(SupervisorSerializer.Hocon);

    /// <summary>Serializer + journal, with the Akka.Persistence.Sql defaults underneath (without them: "Plugin class name must be defined").</summary>
    public static Config Essentials(string dataDir) =>
        Serialization.WithFallback(SqliteJournal(dataDir)).WithFallback(SqlPersistence.DefaultConfiguration);
}
