using Supervisor.Domain.Events;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.History;

/// <summary>
/// Which metric samples a fact yields. Pure. A device sample always yields its health and whether the poll failed; a
/// successful poll adds every measurement the reading carries (absent measurements are simply not stored) and its flags.
/// Samples are stamped with the reading's own time when there is one (the driver's clock), else the fact's.
/// </summary>
public static class SampleMetrics
{
    public static IEnumerable<MetricSample> From(IFleetFact fact) => fact switch
    {
        DeviceSampled d => FromDevice(d),
        GroupSampled g => FromGroup(g),
        _ => [],
    };

    public static IEnumerable<MetricSample> FromDevice(DeviceSampled d)
    {
        var r = d.Reading;
        var time = (r?.Time ?? d.At).ToUnixTimeMilliseconds();
        MetricSample S(MetricDefinition m, double value) => new(new SeriesKey(SeriesSubjectKind.Device, d.DeviceId, m.Name, m.Unit), time, value);

        yield return S(HistoryMetrics.Health, HistoryMetrics.HealthCode(d.Health));
        yield return S(HistoryMetrics.PollFailed, r is null ? 1 : 0);
        if (r is null) yield break;
        foreach (var (metric, value) in Measurements(r))
            if (value is { } v && double.IsFinite(v)) yield return S(metric, v);
        yield return S(HistoryMetrics.OnLine, Flag(r.OnLine));
        yield return S(HistoryMetrics.OnBattery, Flag(r.OnBattery));
        yield return S(HistoryMetrics.LowBattery, Flag(r.LowBattery));
        yield return S(HistoryMetrics.ForcedShutdown, Flag(r.ForcedShutdown));
        if (r.RelayOn is { } relay) yield return S(HistoryMetrics.RelayOn, Flag(relay));
    }

    public static IEnumerable<MetricSample> FromGroup(GroupSampled g)
    {
        var time = g.At.ToUnixTimeMilliseconds();
        MetricSample S(MetricDefinition m, double value) => new(new SeriesKey(SeriesSubjectKind.Group, g.GroupId, m.Name, m.Unit), time, value);

        yield return S(HistoryMetrics.GroupHealthy, g.Healthy);
        yield return S(HistoryMetrics.GroupMinHealthy, g.MinHealthy);
        yield return S(HistoryMetrics.GroupMembers, g.Members);
        yield return S(HistoryMetrics.GroupQuorumState, HistoryMetrics.QuorumCode(g.State));
        if (g.RuntimeSeconds is { } runtime && double.IsFinite(runtime)) yield return S(HistoryMetrics.GroupRuntime, runtime);
    }

    /// <summary>Which field of a reading is which measurement (null when absent): shared with the Prometheus mapping (<c>Metrics.DeviceMetricMapping</c>).</summary>
    internal static readonly (MetricDefinition Metric, Func<Reading, double?> Field)[] MeasurementFields =
    [
        (HistoryMetrics.Charge, r => r.ChargePercent),
        (HistoryMetrics.Runtime, r => r.RuntimeSeconds),
        (HistoryMetrics.Load, r => r.LoadPercent),
        (HistoryMetrics.InputVoltage, r => r.InputVoltage),
        (HistoryMetrics.Power, r => r.PowerWatts),
        (HistoryMetrics.Current, r => r.CurrentAmps),
        (HistoryMetrics.Energy, r => r.EnergyKwh),
        (HistoryMetrics.Frequency, r => r.FrequencyHz),
    ];

    /// <summary>Each of <see cref="MeasurementFields"/> with <paramref name="r"/>'s value (null when absent).</summary>
    internal static (MetricDefinition Metric, double? Value)[] Measurements(Reading r)
    {
        var values = new (MetricDefinition, double?)[MeasurementFields.Length];
        for (var i = 0; i < values.Length; i++) values[i] = (MeasurementFields[i].Metric, MeasurementFields[i].Field(r));
        return values;
    }

    private static double Flag(bool b) => b ? 1 : 0;
}
