using System.Data;
using System.Data.Common;
using System.Text;
using Supervisor.Domain.Events;
using Supervisor.History.Store;

namespace Supervisor.History.Query;

public sealed partial class HistoryQuery
{
    public const int MaxEventPage = 10_000;

    /// <summary>
    /// Events matching <paramref name="filter"/>, ordered by (time, id). Oldest first, strictly after <paramref name="cursor"/>
    /// (page on with the returned <see cref="EventPage.Next"/>; <c>--follow</c> polls with the last cursor and gets only
    /// newer events); or, with <paramref name="newestFirst"/>, newest first and strictly before the cursor (paging back).
    /// An event stored later with an older time than the cursor (a writer catching up after an outage) is not seen by a follower.
    /// </summary>
    public async Task<EventPage> EventsAsync(EventFilter filter, EventCursor? cursor = null, int limit = 100, bool newestFirst = false,
        CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MaxEventPage) throw new ArgumentOutOfRangeException(nameof(limit), limit, $"ask for 1 to {MaxEventPage} events");
        await using var connection = await _backend.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        void Param(string name, object value, DbType type)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.DbType = type;
            p.Value = value;
            command.Parameters.Add(p);
        }

        if (filter.Since is { } since) { where.Add("time >= @since"); Param("@since", since.ToUnixTimeMilliseconds(), DbType.Int64); }
        if (filter.Until is { } until) { where.Add("time < @until"); Param("@until", until.ToUnixTimeMilliseconds(), DbType.Int64); }
        if (filter.Device is { } device) { where.Add("subject_kind = 'device' AND subject_id = @device"); Param("@device", device, DbType.String); }
        if (filter.Group is { } group) { where.Add("group_id = @group"); Param("@group", group, DbType.String); }
        if (filter.Saga is { } saga) { where.Add("saga_id = @saga"); Param("@saga", saga, DbType.String); }
        if (filter.Kind is { } kind)
        {
            if (kind.Contains('.')) { where.Add("kind = @kind"); Param("@kind", kind, DbType.String); }
            else { where.Add("kind LIKE @kind"); Param("@kind", kind.Replace("%", "").Replace("_", "") + ".%", DbType.String); }
        }
        if (filter.MinSeverity is { } min)
            where.Add("severity IN (" + string.Join(", ", Enum.GetValues<EventSeverity>().Where(s => s >= min).Select(s => $"'{EventRows.SeverityText(s)}'")) + ")");
        if (cursor is not null)
        {
            where.Add(newestFirst ? "(time < @ct OR (time = @ct AND id < @cid))" : "(time > @ct OR (time = @ct AND id > @cid))");
            Param("@ct", cursor.TimeMs, DbType.Int64);
            Param("@cid", cursor.Id, DbType.String);
        }

        var sql = new StringBuilder(D.Sql("SELECT id, time, kind, severity, subject_kind, subject_id, group_id, saga_id, message, details FROM {p}events"));
        if (where.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", where);
        var order = newestFirst ? "DESC" : "ASC";
        // COLLATE "C" on PostgreSQL: ids compare bytewise, as in SQLite, so the cursor's id order matches ORDER BY.
        var idOrder = D.IsPostgres ? "id COLLATE \"C\"" : "id";
        sql.Append($" ORDER BY time {order}, {idOrder} {order} LIMIT {limit}");
        if (D.IsPostgres) sql.Replace("id < @cid", "id COLLATE \"C\" < @cid").Replace("id > @cid", "id COLLATE \"C\" > @cid");
        command.CommandText = sql.ToString();

        var events = new List<StoredEvent>();
        await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                events.Add(new StoredEvent(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), ParseSeverity(r.GetString(3)),
                    r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetString(9)));
        return new EventPage(events, events.Count > 0 ? events[^1].Cursor : cursor);
    }

    private static EventSeverity ParseSeverity(string text) => text switch
    {
        "critical" => EventSeverity.Critical,
        "warning" => EventSeverity.Warning,
        _ => EventSeverity.Info,
    };
}
