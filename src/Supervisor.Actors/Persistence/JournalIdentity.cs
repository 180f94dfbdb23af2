using Npgsql;
using Supervisor.Actors.Hosting;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Persistence;

/// <summary>
/// Which journal a node writes, in words an operator can act on: the SQLite file, or the PostgreSQL server and
/// database (never the password). <see cref="Location"/> is where to look when it fails: the directory whose file
/// system fills up, or the server to check.
/// </summary>
public sealed record JournalIdentity(string Description, string Location)
{
    public static JournalIdentity Of(SupervisorSettings settings) => settings.Journal.Provider == JournalProvider.PostgreSql
        ? PostgreSql(settings.Journal.ConnectionString?.Reveal() ?? "")
        : Sqlite(settings.DataDir);

    public static JournalIdentity Sqlite(string dataDir)
    {
        var file = SqliteJournalFile.PathIn(dataDir);
        return new($"SQLite journal {file}", Path.GetDirectoryName(file)!);
    }

    public static JournalIdentity PostgreSql(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            var server = $"{b.Host}:{b.Port}";
            return new($"PostgreSQL journal {server}/{b.Database}", $"PostgreSQL server {server}");
        }
        catch (ArgumentException)
        {
            return new("PostgreSQL journal (connection string not parseable)", "the PostgreSQL server in supervisor.journal");
        }
    }
}
