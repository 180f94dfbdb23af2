using System.Data;
using System.Data.Common;
using Supervisor.Domain.History;
using Supervisor.History.Store;

namespace Supervisor.History.Query;

public sealed partial class HistoryQuery
{
    /// <summary>
    /// Raw samples merged into <see cref="Downsampling.SlotMs"/>-wide slots inside the database (PostgreSQL only; SQLite sorts
    /// for the GROUP BY and streams faster, see <see cref="RawAsync"/>). Same slots, stamps (each slot's first time) and
    /// values as <see cref="Downsampling.Downsample"/>; the last value is looked up by the slot's latest time through the
    /// (series, time) key.
    /// </summary>
    private async Task<List<SeriesPoint>> RawSlotsGroupedAsync(DbConnection connection, long series, SeriesRequest q, CancellationToken cancellationToken)
    {
        await using var grouped = DbCommands.Create(connection, D.Sql("""
            SELECT g.t0, g.mn, g.mx, g.sm, g.n, (SELECT value FROM {p}samples WHERE series = @s AND time = g.t1)
            FROM (SELECT (time - @f) / @slot AS k, min(time) AS t0, max(time) AS t1, min(value) AS mn, max(value) AS mx, sum(value) AS sm, count(*) AS n
                  FROM {p}samples WHERE series = @s AND time >= @f AND time < @t GROUP BY (time - @f) / @slot) g
            ORDER BY g.k
            """), ("@s", DbType.Int64), ("@f", DbType.Int64), ("@t", DbType.Int64), ("@slot", DbType.Int64));
        grouped.Set(0, series).Set(1, q.From.ToUnixTimeMilliseconds()).Set(2, q.To.ToUnixTimeMilliseconds()).Set(3, Downsampling.SlotMs(q.From, q.To, q.MaxPoints));
        var points = new List<SeriesPoint>(q.MaxPoints);
        await using var r = await grouped.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var n = Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture);
            points.Add(new SeriesPoint(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3) / n, r.GetDouble(5), n));
        }
        return points;
    }
}
