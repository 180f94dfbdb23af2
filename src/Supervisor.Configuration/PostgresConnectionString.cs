using Npgsql;

namespace Supervisor.Configuration;

/// <summary>
/// A PostgreSQL connection string Npgsql cannot read passed <c>validate</c> and then failed inside the journal
/// plugin at start, naming no key. It is parsed here with Npgsql's own builder; the message names the key it came
/// from and never shows the string (it holds the password).
/// </summary>
internal static class PostgresConnectionString
{
    private static readonly string[] Sources = ["connection-string", "connection-string-file", "connection-string-env"];

    public static void Check(HoconSection journal, string connection)
    {
        var key = journal.KeyPath(Sources.FirstOrDefault(journal.Has) ?? Sources[0]);
        const string example = "write it as Key=Value pairs separated by ';', e.g. \"Host=db;Port=5432;Database=supervisor;Username=supervisor;Password=…\"";
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            journal.Diag.Error(key, $"is not a PostgreSQL connection string Npgsql can read ({Describe(e)}); {example}");
            return;
        }
        if (string.IsNullOrWhiteSpace(parsed.Host))
            journal.Diag.Error(key, $"has no Host; {example}");
    }

    /// <summary>
    /// Npgsql's complaint without quoting the string: the name of a keyword it knows is safe to show, but an unknown
    /// "keyword" may be the tail of a password with an unquoted ';' in it.
    /// </summary>
    private static string Describe(Exception e) => e switch
    {
        ArgumentException { ParamName: { Length: > 0 } name } when new NpgsqlConnectionStringBuilder().ContainsKey(name) => $"bad value for {name}",
        ArgumentException { ParamName: { Length: > 0 } } =>
            "an unknown keyword, or a ';' inside a value such as the password — quote such a value: Password='pa;ss'",
        FormatException or InvalidCastException or OverflowException => "a value has the wrong type, e.g. a Port that is not a number",
        _ => "malformed: check the '=' and ';' separators and the quotes",
    };
}
