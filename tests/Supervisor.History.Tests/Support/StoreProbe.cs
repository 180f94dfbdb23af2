using System.Globalization;

namespace Supervisor.History.Tests.Support;

/// <summary>Reads and writes tables behind the store's back, to check exactly what it did.</summary>
public static class StoreProbe
{
    public static async Task<long> CountAsync(IHistoryBackend b, string table, string where = "1 = 1")
    {
        await using var c = await b.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = b.Dialect.Sql($"SELECT count(*) FROM {{p}}{table} WHERE {where}");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task ExecAsync(IHistoryBackend b, string sql)
    {
        await using var c = await b.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = b.Dialect.Sql(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The aggregate rows of one device metric, in bucket order.</summary>
    public static async Task<List<BucketAggregate>> AggregatesAsync(IHistoryBackend b, string table, string device, string metric)
    {
        await using var c = await b.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = b.Dialect.Sql($$"""
            SELECT a.bucket, a.min, a.max, a.avg, a.last, a.count, a.sum FROM {p}{{table}} a JOIN {p}series s ON s.id = a.series
            WHERE s.subject_kind = 'device' AND s.subject_id = '{{device}}' AND s.metric = '{{metric}}' ORDER BY a.bucket
            """);
        var rows = new List<BucketAggregate>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            rows.Add(new(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetDouble(6)));
        return rows;
    }

    /// <summary>Runs one whole maintenance round with the cut-offs for <paramref name="now"/>; returns the number of steps.</summary>
    public static int Maintain(HistoryWriter w, DateTimeOffset now, HistoryRetention? retention = null)
    {
        w.BeginMaintenance(RetentionCutoffs.For(now, retention ?? HistoryRetention.Default));
        var steps = 1;
        while (w.MaintenanceStep()) steps++;
        return steps;
    }
}
