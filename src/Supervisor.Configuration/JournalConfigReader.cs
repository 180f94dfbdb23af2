using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>Reads <c>supervisor.journal { provider = sqlite | postgresql, connection-string[-file|-env] }</c>.</summary>
internal static class JournalConfigReader
{
    private static readonly string[] Keys = ["provider", "connection-string", "connection-string-file", "connection-string-env"];

    private static readonly IReadOnlyDictionary<string, JournalProvider> Providers = ConfigMaps.LowerCaseNames<JournalProvider>();

    public static JournalSettings Read(HoconSection root, string? baseDirectory)
    {
        var s = root.DefaultedChild("journal");
        var provider = s.Enum("provider", Providers);
        var errorsBefore = s.Diag.ErrorCount;
        var connection = SecretResolver.Resolve(s, baseDirectory, "connection-string", "connection string");
        s.WarnUnknownKeys(Keys);
        if (provider == JournalProvider.PostgreSql && connection is null && s.Diag.ErrorCount == errorsBefore)
            s.Diag.Error(s.KeyPath("connection-string"), "missing; provider = postgresql needs one of connection-string, connection-string-file, connection-string-env " +
                                                         "(e.g. \"Host=db;Port=5432;Database=supervisor;Username=supervisor;Password=…\")");
        if (provider == JournalProvider.PostgreSql && connection is not null)
            PostgresConnectionString.Check(s, connection.Reveal());
        if (provider == JournalProvider.Sqlite && connection is not null)
            s.Diag.Warn(s.KeyPath("connection-string"), "ignored with provider = sqlite (the journal is data-dir/journal.db); did you mean provider = postgresql?");
        return new JournalSettings(provider, provider == JournalProvider.PostgreSql ? connection : null);
    }
}
