using System.Collections.Immutable;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;

namespace Supervisor.Domain.Nut;

/// <summary>What the NUT facade knows of one device: the flags and numbers a virtual UPS is made of.</summary>
/// <param name="OnBattery">Null until the device has been read (or when its last poll failed).</param>
public sealed record NutDeviceFacts(
    string Id, string Driver, string? Health, bool? OnBattery, bool LowBattery, bool ForcedShutdown,
    double? ChargePercent, double? RuntimeSeconds, double? LoadPercent, double? InputVoltage, double? PowerWatts);

/// <summary>What the NUT facade knows of one group: its members (from the config) and its latest state and quorum.</summary>
/// <param name="State">Null until the group's first sample or status answer.</param>
public sealed record NutGroupFacts(string Id, IReadOnlyList<string> Members, int MinHealthy, GroupState? State, int? Healthy, double? RuntimeSeconds);

/// <summary>
/// The facade's snapshot of the fleet, rebuilt from facts (design §11): the cluster-wide status answer now and then, and
/// the samples and events in between. Pure: each Apply returns the next state. <see cref="ClientFsd"/> holds the UPS names
/// a NUT primary set FSD on; a group's re-arm clears it for the group and its members (upsd would keep it until restart).
/// </summary>
public sealed record NutFleetState(
    ImmutableDictionary<string, NutGroupFacts> Groups, ImmutableDictionary<string, NutDeviceFacts> Devices, ImmutableHashSet<string> ClientFsd)
{
    /// <summary>Every configured group and device, nothing read yet.</summary>
    public static NutFleetState Configured(IEnumerable<NutGroupFacts> groups, IEnumerable<NutDeviceFacts> devices) => new(
        groups.ToImmutableDictionary(g => g.Id, StringComparer.Ordinal),
        devices.ToImmutableDictionary(d => d.Id, StringComparer.Ordinal),
        ImmutableHashSet.Create<string>(StringComparer.Ordinal));

    /// <summary>One fact off the event stream; facts about things not configured here are ignored.</summary>
    public NutFleetState Apply(IFleetFact fact) => fact switch
    {
        DeviceSampled d when Devices.TryGetValue(d.DeviceId, out var old) => this with { Devices = Devices.SetItem(d.DeviceId, FromSample(old, d)) },
        GroupSampled g when Groups.TryGetValue(g.GroupId, out var old) => WithGroup(old with
            { State = g.State, Healthy = g.Healthy, MinHealthy = g.MinHealthy, RuntimeSeconds = g.RuntimeSeconds }),
        GroupStateChanged g when Groups.TryGetValue(g.Group, out var old) => WithGroup(old with { State = g.To }),
        GroupEpisodeChanged { Change: "rearmed" } g when Groups.TryGetValue(g.Group, out var old) =>
            this with { ClientFsd = ClientFsd.Except(old.Members.Append(old.Id)) },
        _ => this,
    };

    /// <summary>A NUT primary's <c>FSD</c> on a UPS of ours: it shows FSD until its group re-arms.</summary>
    public NutFleetState WithClientFsd(string ups) => this with { ClientFsd = ClientFsd.Add(ups) };

    /// <summary>A group's state from the status answer (the cluster's view; groups may run on another node).</summary>
    public NutFleetState WithGroupStatus(string id, GroupState? state, int? healthy, double? runtimeSeconds) =>
        Groups.TryGetValue(id, out var old) ? WithGroup(old with { State = state ?? old.State, Healthy = healthy, RuntimeSeconds = runtimeSeconds }) : this;

    /// <summary>
    /// A device from the status answer. It carries no load or input voltage, so those stay as the last local sample had them.
    /// </summary>
    public NutFleetState WithDeviceStatus(string id, string health, bool? onBattery, IReadOnlySet<string> statusWords, double? charge, double? runtime, double? watts) =>
        Devices.TryGetValue(id, out var old)
            ? this with
            {
                Devices = Devices.SetItem(id, old with
                {
                    Health = health, OnBattery = onBattery, LowBattery = statusWords.Contains("LB"), ForcedShutdown = statusWords.Contains("FSD"),
                    ChargePercent = charge, RuntimeSeconds = runtime, PowerWatts = watts,
                }),
            }
            : this;

    private NutFleetState WithGroup(NutGroupFacts g) => this with { Groups = Groups.SetItem(g.Id, g) };

    private static NutDeviceFacts FromSample(NutDeviceFacts old, DeviceSampled d) => d.Reading is not { } r
        ? old with { Health = d.Health.ToString().ToUpperInvariant(), OnBattery = null, LowBattery = false, ForcedShutdown = false }
        : old with
        {
            Health = d.Health.ToString().ToUpperInvariant(), OnBattery = r.OnBattery, LowBattery = r.LowBattery, ForcedShutdown = r.ForcedShutdown,
            ChargePercent = r.ChargePercent, RuntimeSeconds = r.RuntimeSeconds, LoadPercent = r.LoadPercent, InputVoltage = r.InputVoltage, PowerWatts = r.PowerWatts,
        };
}
