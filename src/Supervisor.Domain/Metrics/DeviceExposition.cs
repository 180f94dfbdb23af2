using System.Buffers;
using Supervisor.Domain.Health;

namespace Supervisor.Domain.Metrics;

/// <summary>
/// The per-device families of <c>/metrics</c>, written as text straight from the book's copy: every series of a
/// device in the book, none of a device that left it. prometheus-net's labelled gauges cost ~55 MB of garbage and
/// ~270 ms per scrape at 10 000 devices (a child lookup per label set, then its serializer); this writes the same
/// lines from one pass over the devices. Each family appears once, its HELP and TYPE first, even with no series
/// (as prometheus-net wrote them). Every known status flag and every health state is written as 0 or 1 for every
/// device; a value the reading does not carry (absent or not finite) is not written. Pure: the caller owns the writer.
/// </summary>
public static class DeviceExposition
{
    /// <summary>Each health's place in <see cref="DeviceMetricMapping.HealthStates"/>: no label string made per device and scrape.</summary>
    private static readonly Dictionary<DeviceHealth, int> HealthIndex =
        Enum.GetValues<DeviceHealth>().ToDictionary(h => h, h => DeviceMetricMapping.HealthStates.ToList().IndexOf(DeviceMetricMapping.Label(h)));

    public static void Write(TextWriter output, IReadOnlyList<DeviceMetricState> devices, DateTimeOffset now, MetricsTextFormat format)
    {
        var families = DeviceMetricMapping.ValueFamilies;
        var count = devices.Count;
        // One value array and one flag mask array for the fleet, pooled: computed once per device, read per family.
        var values = ArrayPool<double>.Shared.Rent(Math.Max(1, count * families.Count));
        var flags = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            for (var d = 0; d < count; d++)
            {
                DeviceMetricMapping.Fill(devices[d].LastReading, values.AsSpan(d * families.Count, families.Count));
                flags[d] = DeviceMetricMapping.FlagMask(devices[d].LastReading);
            }
            for (var f = 0; f < families.Count; f++)
            {
                var spec = families[f];
                PrometheusText.WriteHeader(output, spec, spec == DeviceMetricMapping.Energy ? "counter" : "gauge", format);
                for (var d = 0; d < count; d++)
                {
                    var value = values[d * families.Count + f];
                    if (double.IsNaN(value)) continue;
                    WriteLabels(output, spec, devices[d], null, null);
                    PrometheusText.WriteValueLine(output, value, format);
                }
            }
            WriteOneHot(output, DeviceMetricMapping.Status, "flag", DeviceMetricMapping.KnownFlags, devices, (d, i) => (flags[d] & (1 << i)) != 0, format);
            WriteOneHot(output, DeviceMetricMapping.HealthState, "state", DeviceMetricMapping.HealthStates, devices,
                (d, i) => HealthIndex[devices[d].Health] == i, format);
            PrometheusText.WriteHeader(output, DeviceMetricMapping.ReadingAge, "gauge", format);
            foreach (var device in devices)
            {
                if (device.LastReading is not { } reading) continue;
                WriteLabels(output, DeviceMetricMapping.ReadingAge, device, null, null);
                PrometheusText.WriteValueLine(output, DeviceMetricMapping.AgeSeconds(reading.Time, now), format);
            }
            PrometheusText.WriteHeader(output, DeviceMetricMapping.PollFailed, "gauge", format);
            foreach (var device in devices)
            {
                WriteLabels(output, DeviceMetricMapping.PollFailed, device, null, null);
                PrometheusText.WriteValueLine(output, device.LastPollFailed ? 1 : 0, format);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(flags);
        }
    }

    /// <summary>A family with one series per device and label value, 1 where <paramref name="isSet"/> (device index, value index) holds, else 0.</summary>
    private static void WriteOneHot(TextWriter output, MetricSpec spec, string label, IReadOnlyList<string> labelValues, IReadOnlyList<DeviceMetricState> devices,
        Func<int, int, bool> isSet, MetricsTextFormat format)
    {
        PrometheusText.WriteHeader(output, spec, "gauge", format);
        for (var d = 0; d < devices.Count; d++)
        for (var i = 0; i < labelValues.Count; i++)
        {
            WriteLabels(output, spec, devices[d], label, labelValues[i]);
            PrometheusText.WriteValueLine(output, isSet(d, i) ? 1 : 0, format);
        }
    }

    /// <summary><c>name{device="…",driver="…"[,label="…"]}</c>, the label values escaped.</summary>
    private static void WriteLabels(TextWriter output, MetricSpec spec, DeviceMetricState device, string? label, string? labelValue)
    {
        output.Write(spec.Name);
        output.Write("{device=\"");
        PrometheusText.WriteLabelValue(output, device.DeviceId);
        output.Write("\",driver=\"");
        PrometheusText.WriteLabelValue(output, device.Driver);
        if (label is not null)
        {
            output.Write("\",");
            output.Write(label);
            output.Write("=\"");
            PrometheusText.WriteLabelValue(output, labelValue!);
        }
        output.Write("\"}");
    }
}
