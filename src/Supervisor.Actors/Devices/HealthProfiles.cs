using Akka.Actor;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health;

namespace Supervisor.Actors.Devices;

/// <summary>
/// One device's health, once per distinct trigger set it is judged by. Profile 0 uses the device's own triggers:
/// it is what <c>status</c> shows and what the poll schedule reads. A group with its own <c>triggers { … }</c>
/// that differ from the device's gets a profile of its own (groups with equal settings share one). Without
/// overrides there is exactly one profile, so a reading costs one evaluation, as before.
/// </summary>
internal sealed class HealthProfiles
{
    private readonly List<Profile> _profiles;
    private readonly Dictionary<string, Profile> _byGroup = new(StringComparer.Ordinal);

    private HealthProfiles(List<Profile> profiles)
    {
        _profiles = profiles;
        foreach (var p in profiles)
        foreach (var g in p.GroupIds)
            _byGroup[g] = p;
    }

    /// <summary>One trigger set: its settings, its health state, and who hears about it.</summary>
    public sealed class Profile(DeviceSettings settings, DeviceHealthState state)
    {
        public DeviceSettings Settings { get; } = settings;
        public DeviceHealthState State { get; set; } = state;
        public List<IActorRef> Listeners { get; } = [];
        public List<string> GroupIds { get; } = [];

        /// <summary>For logs: "" for the device's own triggers, " (as group rack-b judges it)" for an override.</summary>
        public string Label { get; set; } = "";
    }

    public Profile Own => _profiles[0];

    public IReadOnlyList<Profile> All => _profiles;

    /// <summary>The profile a group's reports come from; the device's own for anyone else (the inspector).</summary>
    public Profile For(string? groupId) => groupId is not null && _byGroup.TryGetValue(groupId, out var p) ? p : Own;

    public static HealthProfiles Create(DeviceSettings device, IReadOnlyList<DeviceListener> listeners, DateTimeOffset now)
    {
        var initial = DeviceHealthRules.Initial(now);
        var profiles = new List<Profile> { new(device, initial) };
        foreach (var listener in listeners)
        {
            // TriggerSettings is a record: equal settings share a profile.
            var profile = profiles.FirstOrDefault(p => p.Settings.Triggers == listener.Triggers);
            if (profile is null)
            {
                profile = new Profile(device with { Triggers = listener.Triggers }, initial);
                profiles.Add(profile);
            }
            profile.Listeners.Add(listener.Group);
            if (listener.GroupId is { } id) profile.GroupIds.Add(id);
        }
        foreach (var p in profiles.Skip(1))
            p.Label = $" (as group {string.Join(", ", p.GroupIds)} judges it)";
        return new HealthProfiles(profiles);
    }
}
