using System.Collections.Immutable;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Reports;

/// <summary>One device's poll for the report: a reading, or the error that prevented one.</summary>
public sealed record DevicePoll(string DeviceId, Reading? Reading, string? Error)
{
    /// <summary>Every variable the device returned by its own names (NUT's LIST VAR, apcupsd's keys); empty for protocols without a list.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>A device line of <c>supervisor report</c>.</summary>
public sealed record DeviceLine(
    string Id, string Driver, string State, string Reason, bool? OnBattery,
    double? PowerWatts, double? EnergyKwh, double? ChargePercent, double? RuntimeSeconds, bool RuntimeEstimated,
    double? CapacityWatts, bool OverCapacity, string? Error)
{
    /// <summary>The last 24 h from the history store, when the report could read one (null otherwise).</summary>
    public DayStats? Last24h { get; init; }

    /// <summary>Model, serial, status, load, voltages and temperature where the device reports them (null without a reading).</summary>
    public DeviceNameplate? Nameplate { get; init; }
}

/// <summary>A device's last 24 h: charge, load and power min/avg/max, and time on battery (estimated from 5-minute buckets).</summary>
public sealed record DayStats(MinAvgMax? ChargePercent, MinAvgMax? LoadPercent, MinAvgMax? PowerWatts, double OnBatterySeconds);

/// <summary>Minimum, mean and maximum of a metric over a window.</summary>
public sealed record MinAvgMax(double Min, double Avg, double Max);

/// <summary>A group line of <c>supervisor report</c>: quorum now, power drawn, runtime, budget.</summary>
public sealed record GroupLine(
    string Id, IReadOnlyList<string> Members, string State, int Healthy, int MinHealthy,
    double? PowerWatts, double? EnergyKwh, double? RuntimeSeconds, double? PowerBudgetWatts, bool OverBudget);

/// <summary>The fleet at one moment (JSON shape documented in docs/cli.md).</summary>
public sealed record FleetReport(DateTimeOffset GeneratedAt, IReadOnlyList<DeviceLine> Devices, IReadOnlyList<GroupLine> Groups)
{
    /// <summary>
    /// Builds the report from one poll per device: health from that single reading (no history, so time-based
    /// triggers cannot have fired yet), runtime estimated from capacity and load where the device reports none,
    /// group power as the sum of member power and group runtime as the quorum-th longest member runtime.
    /// </summary>
    public static FleetReport Build(SupervisorSettings settings, IReadOnlyList<DevicePoll> polls, DateTimeOffset now)
    {
        var prepared = new Dictionary<string, Reading>();
        var devices = settings.Devices.Select(d => DeviceLineFor(d, polls.FirstOrDefault(p => p.DeviceId == d.Id), now, prepared)).ToList();
        var byId = devices.ToDictionary(d => d.Id);
        var settingsById = settings.Devices.DistinctBy(d => d.Id).ToDictionary(d => d.Id);
        var groups = settings.Groups.Select(g => GroupLineFor(g, settings, byId, settingsById, prepared, now)).ToList();
        return new FleetReport(now, devices, groups);
    }

    /// <summary>
    /// Health from one reading under <paramref name="triggers"/>. One reading cannot tell how long the device has been
    /// on battery, so on-battery-delay cannot apply: the report shows what the triggers say about the values as they are.
    /// </summary>
    private static HealthAssessment Judge(DeviceSettings d, TriggerSettings triggers, Reading reading, DateTimeOffset now) =>
        DeviceHealthRules.OnReading(DeviceHealthRules.Initial(now), reading,
            d with { Triggers = triggers with { OnBatteryDelay = TimeSpan.Zero } }).Assessment;

    private static DeviceLine DeviceLineFor(DeviceSettings d, DevicePoll? poll, DateTimeOffset now, Dictionary<string, Reading> prepared)
    {
        if (poll?.Reading is not { } raw)
            return new DeviceLine(d.Id, d.Driver, "UNKNOWN", poll?.Error ?? "not polled", null, null, null, null, null, false,
                d.CapacityWatts, false, poll?.Error ?? "not polled");

        var (reading, _, _) = ReadingIntake.Prepare(RuntimeEstimatorState.Empty, raw, d);
        prepared[d.Id] = reading;
        var health = Judge(d, d.Triggers, reading, now);
        var over = d.CapacityWatts is { } cap && reading.PowerWatts > cap;
        return new DeviceLine(d.Id, d.Driver, health.Health.ToString().ToUpperInvariant(), health.Reason, reading.OnBattery,
            reading.PowerWatts, reading.EnergyKwh, reading.ChargePercent, reading.RuntimeSeconds, reading.RuntimeEstimated,
            d.CapacityWatts, over, null) { Nameplate = DeviceNameplate.From(d.Driver, poll.Variables, reading) };
    }

    private static GroupLine GroupLineFor(GroupSettings g, SupervisorSettings settings, Dictionary<string, DeviceLine> devices,
        Dictionary<string, DeviceSettings> settingsById, Dictionary<string, Reading> prepared, DateTimeOffset now)
    {
        var members = g.Members.Where(devices.ContainsKey).Select(m => devices[m]).ToList();
        // A group with its own triggers judges its members by them, not by the device lines' (the devices' own).
        var health = members.ToImmutableDictionary(m => m.Id, m =>
            g.Triggers is not null && prepared.TryGetValue(m.Id, out var reading)
                ? Judge(settingsById[m.Id], g.TriggersFor(settingsById[m.Id]), reading, now).Health
                : Enum.Parse<DeviceHealth>(m.State, ignoreCase: true));
        var count = QuorumCount.Of(GroupPolicy.From(g, settings.Devices), health);
        var state = !count.Holds ? "QUORUM-LOST" : count.AllHealthy ? "HEALTHY" : "DEGRADED";
        var power = Sum(members.Select(m => m.PowerWatts));
        var energy = Sum(members.Select(m => m.EnergyKwh));
        var runtime = GroupRuntime.Estimate(members.Select(m => m.RuntimeSeconds), g.MinHealthy)?.TotalSeconds;
        var over = g.PowerBudgetWatts is { } budget && power > budget;
        return new GroupLine(g.Id, g.Members, state, count.Healthy, g.MinHealthy, power, energy, runtime, g.PowerBudgetWatts, over);
    }

    private static double? Sum(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : known.Sum();
    }
}
