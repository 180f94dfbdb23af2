using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;

namespace Supervisor.Domain.History;

/// <summary>What a stored series is about. Only devices and groups have numeric series; everything else is an event.</summary>
public enum SeriesSubjectKind { Device, Group }

/// <summary>One stored series: a subject (device or group, by id), a metric name and its unit. Unique in the store.</summary>
public sealed record SeriesKey(SeriesSubjectKind Kind, string SubjectId, string Metric, string Unit)
{
    /// <summary>The subject kind as stored (<c>device</c> | <c>group</c>).</summary>
    public string KindText => HistoryMetrics.KindText(Kind);
}

/// <summary>One value of one series at one moment (unix milliseconds, UTC).</summary>
public readonly record struct MetricSample(SeriesKey Series, long TimeMs, double Value);

/// <summary>A metric's name, unit and whether it is a counter (stored with the increase per bucket as <c>sum</c>).</summary>
public sealed record MetricDefinition(string Name, string Unit, bool IsCounter = false);

/// <summary>
/// The names and units of every stored metric, and the numbers non-numeric states are stored as. The encodings are
/// part of the store's format: never renumber them (add new values at the end).
/// </summary>
public static class HistoryMetrics
{
    public static readonly MetricDefinition Charge = new("charge", "%");
    public static readonly MetricDefinition Runtime = new("runtime", "s");
    public static readonly MetricDefinition Load = new("load", "%");
    public static readonly MetricDefinition InputVoltage = new("input-voltage", "V");
    public static readonly MetricDefinition Power = new("power", "W");
    public static readonly MetricDefinition Current = new("current", "A");
    public static readonly MetricDefinition Energy = new("energy", "kWh", IsCounter: true);
    public static readonly MetricDefinition Frequency = new("frequency", "Hz");
    public static readonly MetricDefinition OnLine = new("on-line", "flag");
    public static readonly MetricDefinition OnBattery = new("on-battery", "flag");
    public static readonly MetricDefinition LowBattery = new("low-battery", "flag");
    public static readonly MetricDefinition ForcedShutdown = new("fsd", "flag");
    public static readonly MetricDefinition RelayOn = new("relay-on", "flag");
    /// <summary>1 when the poll failed (no reading), 0 after a successful poll: how often a device could not be read.</summary>
    public static readonly MetricDefinition PollFailed = new("poll-failed", "flag");
    /// <summary>Health as a code: see <see cref="HealthCode"/>.</summary>
    public static readonly MetricDefinition Health = new("health", "code");

    public static readonly MetricDefinition GroupHealthy = new("healthy", "count");
    public static readonly MetricDefinition GroupMinHealthy = new("min-healthy", "count");
    public static readonly MetricDefinition GroupMembers = new("members", "count");
    /// <summary>The group's state as a code: see <see cref="QuorumCode"/>.</summary>
    public static readonly MetricDefinition GroupQuorumState = new("quorum-state", "code");
    public static readonly MetricDefinition GroupRuntime = new("runtime", "s");

    /// <summary>Every device metric, in a fixed order.</summary>
    public static IReadOnlyList<MetricDefinition> DeviceMetrics { get; } =
        [Charge, Runtime, Load, InputVoltage, Power, Current, Energy, Frequency, OnLine, OnBattery, LowBattery, ForcedShutdown, RelayOn, PollFailed, Health];

    /// <summary>Every group metric, in a fixed order.</summary>
    public static IReadOnlyList<MetricDefinition> GroupMetrics { get; } = [GroupHealthy, GroupMinHealthy, GroupMembers, GroupQuorumState, GroupRuntime];

    /// <summary>
    /// Health as stored: healthy 0, degraded 1, critical 2, unknown -1. Ordered by how bad a known state is, so a bucket's
    /// <c>max</c> is the worst known health in it and a <c>min</c> of -1 says the device was unknown at some point.
    /// </summary>
    public static double HealthCode(DeviceHealth h) => h switch
    {
        DeviceHealth.Healthy => 0,
        DeviceHealth.Degraded => 1,
        DeviceHealth.Critical => 2,
        _ => -1,
    };

    /// <summary>
    /// Group state as stored: starting 0, healthy 1, degraded 2, quorum-lost 3, shutdown-complete 4, aborted 5.
    /// Pinned here rather than taken from the enum's order, so reordering <see cref="GroupState"/> cannot rewrite history.
    /// </summary>
    public static double QuorumCode(GroupState s) => s switch
    {
        GroupState.Starting => 0,
        GroupState.Healthy => 1,
        GroupState.Degraded => 2,
        GroupState.QuorumLost => 3,
        GroupState.ShutdownComplete => 4,
        GroupState.Aborted => 5,
        _ => -1,
    };

    public static bool IsCounter(string metric) => metric == Energy.Name;

    public static string KindText(SeriesSubjectKind kind) => kind == SeriesSubjectKind.Device ? "device" : "group";

    public static SeriesSubjectKind ParseKind(string text) => text switch
    {
        "device" => SeriesSubjectKind.Device,
        "group" => SeriesSubjectKind.Group,
        _ => throw new ArgumentException($"unknown series subject kind \"{text}\"; use device or group", nameof(text)),
    };

    /// <summary>Finds a metric by name for a subject kind (for query callers that name a metric).</summary>
    public static MetricDefinition? Find(SeriesSubjectKind kind, string metric) =>
        (kind == SeriesSubjectKind.Device ? DeviceMetrics : GroupMetrics).FirstOrDefault(m => m.Name == metric);
}
