using System.Collections.Immutable;

namespace Supervisor.Domain.Agents;

/// <summary>Persisted fail-safe events of one agent.</summary>
public abstract record FailsafeEvent(DateTimeOffset At) : IPersistedEvent;

/// <summary>A group this agent serves changed between on battery and on line (as its supervisor said).</summary>
public sealed record GroupPowerNoted(string GroupId, bool OnBattery, DateTimeOffset At) : FailsafeEvent(At);

/// <summary>No supervisor spoke for <c>failsafe.after</c> while a group was on battery: the local sequence runs.</summary>
public sealed record FailsafeFired(string RunId, string Reason, DateTimeOffset At) : FailsafeEvent(At);

/// <summary>Every group is on line again (a supervisor said so): the fail-safe may fire again in a later outage.</summary>
public sealed record FailsafeRearmed(DateTimeOffset At) : FailsafeEvent(At);

/// <summary>
/// What an agent knows for its fail-safe. <see cref="OnBattery"/> and <see cref="FiredRunId"/> come from the journal
/// (they survive the agent's own restart, e.g. after the cluster downed it); <see cref="LastHeard"/> is volatile
/// and starts at recovery time, so a restarted agent gives the supervisors a full <c>after</c> to speak up.
/// </summary>
public sealed record FailsafeState(ImmutableSortedSet<string> OnBattery, DateTimeOffset LastHeard, string? FiredRunId)
{
    public static FailsafeState Initial(DateTimeOffset now) => new(ImmutableSortedSet<string>.Empty, now, null);
}

/// <summary>The agent fail-safe, pure.</summary>
public static class FailsafeRules
{
    public static FailsafeState Apply(FailsafeState s, FailsafeEvent e) => e switch
    {
        GroupPowerNoted { OnBattery: true } g => s with { OnBattery = s.OnBattery.Add(g.GroupId) },
        GroupPowerNoted g => s with { OnBattery = s.OnBattery.Remove(g.GroupId) },
        FailsafeFired f => s with { FiredRunId = f.RunId },
        FailsafeRearmed => s with { FiredRunId = null },
        _ => s,
    };

    /// <summary>A supervisor spoke about a group: that is also proof that a supervisor is alive.</summary>
    public static (FailsafeState State, IReadOnlyList<FailsafeEvent> Events) Heard(FailsafeState s, string groupId, bool onBattery, DateTimeOffset now)
    {
        var events = new List<FailsafeEvent>();
        s = s with { LastHeard = now };
        if (s.OnBattery.Contains(groupId) != onBattery)
            events.Add(new GroupPowerNoted(groupId, onBattery, now));
        s = events.Aggregate(s, Apply);
        if (s.FiredRunId is not null && s.OnBattery.IsEmpty)
        {
            var rearmed = new FailsafeRearmed(now);
            events.Add(rearmed);
            s = Apply(s, rearmed);
        }
        return (s, events);
    }

    /// <summary>Time passed: fire once when a group is on battery and no supervisor spoke for <paramref name="after"/>.</summary>
    public static FailsafeFired? Check(FailsafeState s, DateTimeOffset now, TimeSpan after, string host)
    {
        if (s.FiredRunId is not null || s.OnBattery.IsEmpty) return null;
        var silent = now - s.LastHeard;
        if (silent < after) return null;
        return new FailsafeFired($"failsafe-{host}-{now.UtcDateTime:yyyyMMdd'T'HHmmss}",
            $"group(s) {string.Join(", ", s.OnBattery)} on battery and no supervisor heard for {silent.TotalSeconds:0}s (failsafe.after {after.TotalSeconds:0}s)", now);
    }
}
