using Supervisor.Actors.Live;
using Supervisor.Node.Cli.History;

namespace Supervisor.Node.Cli.Watch;

/// <summary>
/// What <c>supervisor watch</c> shows, kept up to date from the node's live stream: the snapshot first, then each device,
/// group and event frame folded in. No I/O here; <see cref="WatchLayout"/> turns it into lines.
/// </summary>
internal sealed class WatchState
{
    public const int EventsKept = 50;
    public static readonly IReadOnlyList<string> Metrics = ["charge", "runtime", "load", "power", "input-voltage"];
    public static readonly IReadOnlyList<(string Name, TimeSpan Span)> Ranges =
        [("10 min", TimeSpan.FromMinutes(10)), ("1 h", TimeSpan.FromHours(1)), ("24 h", TimeSpan.FromHours(24))];

    private readonly Dictionary<string, DateTimeOffset> _onBatterySince = new(StringComparer.Ordinal);
    private readonly List<EventView> _events = [];

    /// <param name="group">--group: only this group, its members and its sagas.</param>
    public WatchState(string node, string? group)
    {
        Node = node;
        Group = group;
    }

    public string Node { get; }
    public string? Group { get; }
    public string Connection { get; set; } = "connecting";
    public List<DeviceView> Devices { get; } = [];
    public List<GroupView> Groups { get; } = [];
    public SagaDetailView? Saga { get; set; }
    public IReadOnlyList<EventView> Events => _events;

    public int DeviceIndex { get; private set; }
    public int MetricIndex { get; private set; }
    public int RangeIndex { get; private set; }
    public string Metric => Metrics[MetricIndex];
    public (string Name, TimeSpan Span) Range => Ranges[RangeIndex];
    public DeviceView? Selected => Devices.Count == 0 ? null : Devices[Math.Min(DeviceIndex, Devices.Count - 1)];

    /// <summary>The chart's series (backfilled from history, extended by live frames), its unit, or why there is none.</summary>
    public List<TerminalChart.Point> Chart { get; } = [];
    public string ChartUnit { get; set; } = "";
    public string? ChartNote { get; set; }

    public void ApplySnapshot(StatusView snapshot, DateTimeOffset now)
    {
        Groups.Clear();
        Groups.AddRange(snapshot.Groups.Where(g => Group is null || g.Id == Group).OrderBy(g => g.Id, StringComparer.Ordinal));
        var selected = Selected?.Id;
        Devices.Clear();
        Devices.AddRange(snapshot.Devices.Where(Shown).OrderBy(d => d.Id, StringComparer.Ordinal));
        foreach (var d in Devices) TrackBattery(d, now);
        DeviceIndex = Math.Max(0, Devices.FindIndex(d => d.Id == selected));
    }

    /// <summary>A device frame: replaces that device's row; a new device (added on a reload) gets a row.</summary>
    /// <returns>Whether it is the selected device (its figure extends the chart).</returns>
    public bool ApplyDevice(DeviceView device, DateTimeOffset now)
    {
        if (!Shown(device)) return false;
        var i = Devices.FindIndex(d => d.Id == device.Id);
        if (i >= 0) Devices[i] = device;
        else Devices.Add(device);
        TrackBattery(device, now);
        if (Selected?.Id != device.Id) return false;
        if (ChartValue(device) is { } v && device.LastReadingAt is { } at && (Chart.Count == 0 || Chart[^1].Time < at)) Chart.Add(new(at, v));
        return true;
    }

    public void ApplyGroup(LiveGroupView g)
    {
        var i = Groups.FindIndex(x => x.Id == g.Id);
        if (i < 0) return; // a group outside --group, or one the snapshot did not have (the next snapshot brings it)
        Groups[i] = Groups[i] with { State = g.State, Healthy = g.Healthy, MinHealthy = g.MinHealthy, Members = g.Members, RuntimeSeconds = g.RuntimeSeconds };
    }

    public void ApplyEvent(EventView e)
    {
        if (_events.Any(x => x.Id == e.Id)) return;
        _events.Add(e);
        if (_events.Count > EventsKept) _events.RemoveAt(0);
    }

    /// <summary>Stored events from before the view opened, merged in time order with any live ones that came meanwhile.</summary>
    public void BackfillEvents(IEnumerable<EventView> stored)
    {
        var merged = _events.Concat(stored).DistinctBy(e => e.Id).OrderBy(e => e.Time).ToList();
        _events.Clear();
        _events.AddRange(merged.Skip(Math.Max(0, merged.Count - EventsKept)));
    }

    /// <summary>How long a device has been on battery, as far as this view saw it (from the first reading on battery it got).</summary>
    public TimeSpan? OnBatteryFor(DeviceView d, DateTimeOffset now) =>
        _onBatterySince.TryGetValue(d.Id, out var since) ? now - since : null;

    public void MoveDevice(int by) => DeviceIndex = Devices.Count == 0 ? 0 : ((Math.Min(DeviceIndex, Devices.Count - 1) + by) % Devices.Count + Devices.Count) % Devices.Count;
    public void MoveMetric(int by) => MetricIndex = ((MetricIndex + by) % Metrics.Count + Metrics.Count) % Metrics.Count;
    public void MoveRange(int by) => RangeIndex = ((RangeIndex + by) % Ranges.Count + Ranges.Count) % Ranges.Count;

    private bool Shown(DeviceView d) =>
        Group is null || Groups.Any(g => g.MemberIds.Contains(d.Id, StringComparer.Ordinal));

    private void TrackBattery(DeviceView d, DateTimeOffset now)
    {
        if (d.OnBattery == true && d.OnBatterySince is { } since) _onBatterySince[d.Id] = since; // the node knows (snapshot)
        else if (d.OnBattery == true) _onBatterySince.TryAdd(d.Id, d.LastReadingAt ?? now); // live frame: from the first reading on battery seen
        else _onBatterySince.Remove(d.Id);
    }

    /// <summary>The live figure for the chart's metric, from a device frame.</summary>
    private double? ChartValue(DeviceView d) => Metric switch
    {
        "charge" => d.ChargePercent,
        "runtime" => d.RuntimeSeconds,
        "load" => d.LoadPercent,
        "power" => d.PowerWatts,
        "input-voltage" => d.InputVoltage,
        _ => null,
    };
}
