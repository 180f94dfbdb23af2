using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Groups;

/// <summary>The quorum rules of one group, with the start-up grace already resolved.</summary>
public sealed record GroupPolicy(
    string GroupId,
    IReadOnlyList<string> Members,
    int MinHealthy,
    CountsAs DegradedCountsAs,
    CountsAs UnknownCountsAs,
    TimeSpan StartupGrace,
    TimeSpan RearmAfter)
{
    /// <summary>Default start-up grace: five polls of the slowest member plus 5 s, so every member has had a fair chance to report.</summary>
    public static TimeSpan DefaultGrace(IEnumerable<TimeSpan> memberPollIntervals)
    {
        var slowest = memberPollIntervals.DefaultIfEmpty(TimeSpan.Zero).Max();
        return slowest * 5 + TimeSpan.FromSeconds(5);
    }

    public static GroupPolicy From(GroupSettings group, IEnumerable<DeviceSettings> devices)
    {
        var members = group.Members.ToHashSet(StringComparer.Ordinal);
        var polls = devices.Where(d => members.Contains(d.Id)).Select(d => d.PollInterval);
        return new GroupPolicy(group.Id, group.Members, group.MinHealthy, group.DegradedCountsAs,
            group.UnknownCountsAs, group.StartupGrace ?? DefaultGrace(polls), group.RearmAfter);
    }
}
