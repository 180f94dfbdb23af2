using Prometheus;
using Supervisor.Domain.Metrics;

namespace Supervisor.Node.Http.Metrics;

/// <summary>
/// The per-device families, written from <see cref="DeviceMetricMapping"/>. Every device shows every status flag and
/// every health state as 0/1 (series never vanish while the device is there); a device that left the book loses all
/// of its series at the next scrape, so labels stay bounded by the config.
/// </summary>
internal sealed class DeviceFamilies
{
    private readonly Dictionary<MetricSpec, Gauge> _gauges = [];
    private readonly Gauge _status, _health, _age, _pollFailed;
    private readonly Counter _energy;

    /// <summary>What each shown device's series were written with (device → driver), to remove them when it goes.</summary>
    private Dictionary<string, string> _shown = [];

    public DeviceFamilies(IMetricFactory factory, string[] labels)
    {
        foreach (var spec in DeviceMetricMapping.Gauges) _gauges[spec] = factory.CreateGauge(spec.Name, spec.Help, labels);
        _energy = factory.CreateCounter(DeviceMetricMapping.Energy.Name, DeviceMetricMapping.Energy.Help, labels);
        _status = factory.CreateGauge("supervisor_device_status", "Status flag set (1) or not (0); every known flag is present for every device.", [.. labels, "flag"]);
        _health = factory.CreateGauge("supervisor_device_health", "Health state, one-hot: 1 for the device's current state, 0 for the others.", [.. labels, "state"]);
        _age = factory.CreateGauge("supervisor_device_last_reading_age_seconds", "Seconds since the device's last successful reading, at scrape time.", labels);
        _pollFailed = factory.CreateGauge("supervisor_device_last_poll_failed", "1 when the device's latest poll failed (its values are then the last good reading's).", labels);
    }

    public void Write(IEnumerable<DeviceMetricState> devices, DateTimeOffset now)
    {
        var shown = new Dictionary<string, string>(_shown.Count);
        foreach (var d in devices)
        {
            if (_shown.TryGetValue(d.DeviceId, out var driver) && driver != d.Driver) Remove(d.DeviceId, driver);
            shown[d.DeviceId] = d.Driver;
            Write(d, now);
        }
        foreach (var (id, driver) in _shown)
            if (!shown.ContainsKey(id)) Remove(id, driver);
        _shown = shown;
    }

    private void Write(DeviceMetricState d, DateTimeOffset now)
    {
        string[] labels = [d.DeviceId, d.Driver];
        var reading = d.LastReading;
        var present = reading is null ? [] : DeviceMetricMapping.Values(reading);
        foreach (var (spec, gauge) in _gauges)
        {
            var value = present.FirstOrDefault(v => v.Metric == spec);
            if (value.Metric is null) gauge.RemoveLabelled(labels); // the device stopped reporting it (or never did)
            else gauge.WithLabels(labels).Set(value.Value);
        }
        var energy = present.FirstOrDefault(v => v.Metric == DeviceMetricMapping.Energy);
        if (energy.Metric is not null) WriteEnergy(labels, energy.Value);
        var flags = DeviceMetricMapping.Flags(reading);
        foreach (var flag in DeviceMetricMapping.KnownFlags) _status.WithLabels(d.DeviceId, d.Driver, flag).Set(flags.Contains(flag) ? 1 : 0);
        var health = DeviceMetricMapping.Label(d.Health);
        foreach (var state in DeviceMetricMapping.HealthStates) _health.WithLabels(d.DeviceId, d.Driver, state).Set(state == health ? 1 : 0);
        if (reading is not null) _age.WithLabels(labels).Set(DeviceMetricMapping.AgeSeconds(reading.Time, now));
        _pollFailed.WithLabels(labels).Set(d.LastPollFailed ? 1 : 0);
    }

    /// <summary>The device's register as a counter; a drop (the device reset it) starts the series again, which Prometheus reads as a counter reset.</summary>
    private void WriteEnergy(string[] labels, double kwh)
    {
        var child = _energy.WithLabels(labels);
        if (kwh < child.Value)
        {
            _energy.RemoveLabelled(labels);
            child = _energy.WithLabels(labels);
        }
        child.IncTo(kwh);
    }

    private void Remove(string device, string driver)
    {
        string[] labels = [device, driver];
        foreach (var gauge in _gauges.Values) gauge.RemoveLabelled(labels);
        _energy.RemoveLabelled(labels);
        _age.RemoveLabelled(labels);
        _pollFailed.RemoveLabelled(labels);
        foreach (var flag in DeviceMetricMapping.KnownFlags) _status.RemoveLabelled(device, driver, flag);
        foreach (var state in DeviceMetricMapping.HealthStates) _health.RemoveLabelled(device, driver, state);
    }
}
