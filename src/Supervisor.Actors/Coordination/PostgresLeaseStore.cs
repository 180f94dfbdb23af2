using Npgsql;

namespace Supervisor.Actors.Coordination;

/// <summary>
/// The SQL behind <see cref="PostgresLease"/>: one row per lease in <c>supervisor_lease</c>. Every expiry is
/// computed by the database's clock (<c>now()</c>), so clock skew between nodes cannot make two owners.
/// Each call opens a pooled connection and is bounded by the caller's token (the lease operation timeout).
/// </summary>
internal sealed class PostgresLeaseStore(string connectionString)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS supervisor_lease (
          name text PRIMARY KEY,
          owner text NOT NULL,
          expires_at timestamptz NOT NULL)
        """;

    // Takes a free or expired lease, or extends our own; leaves another owner's live lease alone (no row back).
    private const string Claim = """
        INSERT INTO supervisor_lease (name, owner, expires_at) VALUES (@name, @owner, now() + @ttl)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE supervisor_lease.owner = excluded.owner OR supervisor_lease.expires_at < now()
        RETURNING owner
        """;

    // Akka releases the lease when it TELLS the singleton to stop, not when the singleton has stopped; keeping the
    // row for a grace period lets it finish stopping before another node can take the lease (see PostgresLease).
    private const string ReleaseAfterGrace = """
        UPDATE supervisor_lease SET expires_at = LEAST(expires_at, now() + @grace)
        WHERE name = @name AND owner = @owner
        """;

    private const string Delete = "DELETE FROM supervisor_lease WHERE name = @name AND owner = @owner";

    private volatile bool _tableReady;

    /// <summary>Where the lease lives, for log lines: host, port and database, never the password.</summary>
    public string Target { get; } = Describe(connectionString);

    /// <summary>True when <paramref name="owner"/> now holds the lease until the database's now() + <paramref name="ttl"/>.</summary>
    public async Task<bool> TryClaimAsync(string name, string owner, TimeSpan ttl, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(Claim, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("ttl", ttl);
        return await command.ExecuteScalarAsync(ct) is string;
    }

    /// <summary>Ends our hold <paramref name="grace"/> from now (at once when zero); false when we did not hold it.</summary>
    public async Task<bool> ReleaseAsync(string name, string owner, TimeSpan grace, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(grace > TimeSpan.Zero ? ReleaseAfterGrace : Delete, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("owner", owner);
        if (grace > TimeSpan.Zero) command.Parameters.AddWithValue("grace", grace);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (!_tableReady) await EnsureTableAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(CreateTable, connection);
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Two nodes ran CREATE TABLE IF NOT EXISTS at once; the other one created it, which is all we need.
        }
        _tableReady = true;
    }

    private static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (connection string not parseable)";
        }
    }
}
