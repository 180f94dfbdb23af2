using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Alerts;

/// <summary>
/// A daily window in a time zone (<c>quiet-hours { from = "22:00", to = "07:00", time-zone = "Europe/Berlin" }</c>);
/// <see cref="From"/> after <see cref="To"/> wraps midnight. The reader resolves the zone id (and names the path when it is unknown).
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To, TimeZoneInfo Zone)
{
    public bool Contains(DateTimeOffset at)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
        return From <= To ? local >= From && local < To : local >= From || local < To;
    }
}

/// <summary>Mutes and quiet hours, for all channels (<c>supervisor.notifications</c>) or one (<c>….channels.&lt;id&gt;</c>).</summary>
/// <param name="Mute">Notification kinds never sent here; globs allowed (<c>"COMMBAD"</c>, <c>"node.*"</c>).</param>
/// <param name="Quiet">Nothing but safety-critical notifications is sent inside it.</param>
public sealed record Suppression(IReadOnlyList<string> Mute, QuietHours? Quiet)
{
    public static Suppression None { get; } = new([], null);
}

/// <summary>The whole suppression config: the global part and each channel's.</summary>
public sealed record NotificationPolicySettings(Suppression Global, IReadOnlyDictionary<string, Suppression> Channels);

/// <summary>Whether a notification goes to a channel, and why not.</summary>
public sealed record PolicyVerdict(bool Send, string? Reason)
{
    public static PolicyVerdict Allowed { get; } = new(true, null);
}

/// <summary>
/// Suppression: mute lists and quiet hours, globally and per channel. Safety-critical notifications (see
/// <see cref="SafetyCriticalKinds"/>, and NOCOMM while on battery) are never suppressed, and <see cref="Validate"/>
/// rejects a config that tries. Pure.
/// </summary>
public static class NotificationPolicy
{
    public const string Path = ConfigPath.Root + ".notifications";

    /// <summary>
    /// Kinds that can never be muted: the power is going (ONBATT, LOWBATT, FSD), a group lost quorum, a shutdown saga
    /// started / failed a step / ended, or an agent shut its host down on its own. NOCOMM is muteable while on line,
    /// never while the device was last seen on battery (<see cref="IsSafetyCritical"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> SafetyCriticalKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "ONBATT", "LOWBATT", "FSD", NotificationKinds.QuorumLost,
        "saga.started", "saga.step-failed", "saga.step-timed-out", "saga.aborted", "saga.completed", "agent.failsafe-fired",
    };

    public static bool IsSafetyCritical(Notification n) =>
        SafetyCriticalKinds.Contains(n.Kind)
        || n.Kind == NotificationKinds.NoComm && n.Fields.TryGetValue(NotificationFields.OnBattery, out var ob) && ob == "true";

    /// <summary>Whether <paramref name="n"/> goes to <paramref name="channelId"/> at its own time.</summary>
    public static PolicyVerdict Decide(NotificationPolicySettings settings, Notification n, string channelId)
    {
        if (IsSafetyCritical(n)) return PolicyVerdict.Allowed;
        var scopes = settings.Channels.TryGetValue(channelId, out var own)
            ? new[] { (Path, settings.Global), ($"{Path}.channels.{ConfigPath.Key(channelId)}", own) }
            : [(Path, settings.Global)];
        foreach (var (path, s) in scopes)
        {
            if (s.Mute.FirstOrDefault(m => AlertText.GlobMatches(m, n.Kind)) is { } pattern)
                return new(false, $"{n.Kind} muted by {path}.mute (\"{pattern}\")");
            if (s.Quiet is { } quiet && quiet.Contains(n.At))
                return new(false, $"inside {path}.quiet-hours ({quiet.From:HH\\:mm}–{quiet.To:HH\\:mm} {quiet.Zone.Id})");
        }
        return PolicyVerdict.Allowed;
    }

    /// <summary>An error per mute entry that would mute a safety-critical kind, naming the entry and the reason.</summary>
    public static IReadOnlyList<ConfigError> Validate(NotificationPolicySettings settings)
    {
        var errors = new List<ConfigError>();
        void Check(string path, Suppression s)
        {
            for (var i = 0; i < s.Mute.Count; i++)
            {
                var hit = SafetyCriticalKinds.Where(k => AlertText.GlobMatches(s.Mute[i], k)).Order(StringComparer.Ordinal).ToList();
                if (hit.Count > 0)
                    errors.Add(new($"{path}.mute[{i}]",
                        $"\"{s.Mute[i]}\" would mute {string.Join(", ", hit)}, which can never be muted (someone must hear that " +
                        "the power is going or a shutdown is running); remove it or name only the kinds you mean"));
            }
        }
        Check(Path, settings.Global);
        foreach (var (id, s) in settings.Channels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Check($"{Path}.channels.{ConfigPath.Key(id)}", s);
        return errors;
    }
}
