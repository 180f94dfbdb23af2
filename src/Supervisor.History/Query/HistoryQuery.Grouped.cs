using System.Data;
using System.Data.Common;
using Supervisor.Domain.History;
using Supervisor.History.Store;

namespace Supervisor.History.Query;

public sealed partial class HistoryQuery
{
    /// <summary>
    /// Raw samples merged into <see cref="Downsampling.SlotMs"/>-wide slots inside the database (PostgreSQL only; SQLite
    /// streams faster, see <see cref="RawAsync"/>). Same slots, stamps (each slot's first time) and values as
    /// <see cref="Downsampling.Downsample"/>. One range aggregate per slot over the (series, time) key, which carries the value
    /// since schema step 3, so each is an index-only scan read in time order (no sort, no heap page, the sum added in time
    /// order as the domain adds it); the last value is looked up by the slot's latest time through the same key. A single
    /// <c>GROUP BY</c> on the slot sorted all 86 400 rows of a day and visited ~11 000 heap pages (bench/README.md, history).
    /// </summary>
    private async Task<List<SeriesPoint>> RawSlotsGroupedAsync(DbConnection connection, long series, SeriesRequest q, CancellationToken cancellationToken)
    {
        await using var grouped = DbCommands.Create(connection, D.Sql("""
            SELECT a.t0, a.mn, a.mx, a.sm, a.n, (SELECT value FROM {p}samples WHERE series = @s AND time = a.t1)
            FROM generate_series(0::bigint, (@t - @f - 1) / @slot) k,
                 LATERAL (SELECT min(time) AS t0, max(time) AS t1, min(value) AS mn, max(value) AS mx, sum(value) AS sm, count(*) AS n
                          FROM {p}samples WHERE series = @s AND time >= @f + k * @slot AND time < least(@f + (k + 1) * @slot, @t)) a
            WHERE a.n > 0
            ORDER BY k
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
