using System.Data;
using Supervisor.Domain.History;
using Supervisor.History.Store;

namespace Supervisor.History.Query;

public sealed partial class HistoryQuery
{
    /// <summary>The metrics stored for a subject, with their units, in name order (empty when the store knows no such subject).</summary>
    public async Task<IReadOnlyList<(string Metric, string Unit)>> MetricsOfAsync(SeriesSubjectKind kind, string subjectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _backend.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var find = DbCommands.Create(connection, D.Sql("SELECT metric, unit FROM {p}series WHERE subject_kind = @k AND subject_id = @s ORDER BY metric"),
            ("@k", DbType.String), ("@s", DbType.String));
        find.Set(0, HistoryMetrics.KindText(kind)).Set(1, subjectId);
        var metrics = new List<(string, string)>();
        await using var r = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) metrics.Add((r.GetString(0), r.GetString(1)));
        return metrics;
    }
}
