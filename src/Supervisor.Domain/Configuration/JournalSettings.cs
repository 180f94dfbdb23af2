namespace Supervisor.Domain.Configuration;

/// <summary>Where groups, sagas and agents journal their events (<c>supervisor.journal.provider</c>).</summary>
public enum JournalProvider
{
    /// <summary>A SQLite file under <c>data-dir</c>: the single-node default. It cannot follow the supervisor to another host.</summary>
    Sqlite,
    /// <summary>A PostgreSQL database every supervisor node reaches: needed for fail-over between hosts.</summary>
    PostgreSql,
}

/// <summary>The <c>supervisor.journal</c> section.</summary>
/// <param name="ConnectionString">PostgreSQL connection string (from <c>connection-string</c>, <c>-file</c> or <c>-env</c>); null for SQLite. Never logged.</param>
public sealed record JournalSettings(JournalProvider Provider, Secret? ConnectionString)
{
    public static JournalSettings Sqlite { get; } = new(JournalProvider.Sqlite, null);

    /// <summary>Redacts the connection string (it usually holds a password).</summary>
    public override string ToString() => $"JournalSettings {{ Provider = {Provider}, ConnectionString = {(ConnectionString is null ? "-" : "***")} }}";
}
