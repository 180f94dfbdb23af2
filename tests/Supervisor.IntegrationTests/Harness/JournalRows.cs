using Npgsql;

namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// Rows of the shared PostgreSQL journal (Akka.Persistence.Sql's default table layout), read straight from
/// the database: who wrote which event of which persistent actor, in which order. <see cref="WriterUuid"/> is
/// unique per incarnation of a persistent actor, so two sides writing the same saga would show two writers
/// with interleaved sequence numbers (or a failed write on the unique (persistence_id, sequence_number) key).
/// </summary>
public sealed record JournalRow(long Ordering, string PersistenceId, long SequenceNr, string WriterUuid, DateTime CreatedUtc)
{
    public static async Task<IReadOnlyList<JournalRow>> ReadAsync(string connectionString, string persistenceIdPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT ordering, persistence_id, sequence_number, writer_uuid, created FROM journal " +
            "WHERE persistence_id LIKE @prefix ORDER BY ordering", connection);
        command.Parameters.AddWithValue("prefix", persistenceIdPrefix + "%");
        var rows = new List<JournalRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new JournalRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                new DateTime(reader.GetInt64(4), DateTimeKind.Utc)));
        return rows;
    }

    /// <summary>The writers of one persistence id, in the order they first wrote, each with its rows.</summary>
    public static IReadOnlyList<(string Writer, IReadOnlyList<JournalRow> Rows)> Writers(IEnumerable<JournalRow> rows) =>
        rows.OrderBy(r => r.SequenceNr).GroupBy(r => r.WriterUuid)
            .Select(g => (g.Key, (IReadOnlyList<JournalRow>)g.ToList()))
            .OrderBy(w => w.Item2[0].SequenceNr).ToList();
}
