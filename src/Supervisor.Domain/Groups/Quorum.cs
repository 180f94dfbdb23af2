using System.Collections.Immutable;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health;

namespace Supervisor.Domain.Groups;

/// <summary>A quorum count at one moment: how many members count as healthy against <c>min-healthy</c>.</summary>
public sealed record QuorumCount(int Healthy, int MinHealthy, int Members, bool AllCritical, bool AllHealthy)
{
    public bool Holds => Healthy >= MinHealthy;

    /// <summary>
    /// Members that count as healthy on evidence: like <see cref="Healthy"/>, but an UNKNOWN member never counts,
    /// whatever <c>unknown-counts-as</c> says. Ending a shutdown (power restored) or re-arming needs evidence: right
    /// after a restart or a fail-over every member is UNKNOWN until its first reading, and that silence must not
    /// read as "power is back".
    /// </summary>
    public int HealthyOnEvidence { get; init; }

    public bool HoldsOnEvidence => HealthyOnEvidence >= MinHealthy;

    /// <summary>Members in maintenance: left out of every other figure here (<see cref="Members"/> counts only the rest).</summary>
    public int InMaintenance { get; init; }

    /// <summary>
    /// healthy = HEALTHY + DEGRADED (if degraded-counts-as = healthy) + UNKNOWN (if unknown-counts-as = healthy, or
    /// = degraded and degraded-counts-as = healthy). CRITICAL never counts. Members that never reported are UNKNOWN.
    /// Members in <paramref name="maintenance"/> are left out altogether: neither healthy nor failed, whatever their health.
    /// </summary>
    public static QuorumCount Of(GroupPolicy policy, ImmutableDictionary<string, DeviceHealth> health,
        ImmutableDictionary<string, MaintenanceWindow>? maintenance = null)
    {
        int healthy = 0, onEvidence = 0, critical = 0, fullyHealthy = 0, inMaintenance = 0;
        foreach (var member in policy.Members)
        {
            if (maintenance?.ContainsKey(member) == true)
            {
                inMaintenance++;
                continue;
            }
            var h = health.GetValueOrDefault(member, DeviceHealth.Unknown);
            if (h == DeviceHealth.Critical) critical++;
            if (h == DeviceHealth.Healthy) fullyHealthy++;
            if (CountsHealthy(h, policy)) healthy++;
            if (h != DeviceHealth.Unknown && CountsHealthy(h, policy)) onEvidence++;
        }
        var n = policy.Members.Count - inMaintenance;
        return new QuorumCount(healthy, policy.MinHealthy, n, n > 0 && critical == n, fullyHealthy == n)
            { HealthyOnEvidence = onEvidence, InMaintenance = inMaintenance };
    }

    private static bool CountsHealthy(DeviceHealth h, GroupPolicy policy) => h switch
    {
        DeviceHealth.Healthy => true,
        DeviceHealth.Degraded => policy.DegradedCountsAs == CountsAs.Healthy,
        DeviceHealth.Unknown => policy.UnknownCountsAs switch
        {
            CountsAs.Healthy => true,
            CountsAs.Degraded => policy.DegradedCountsAs == CountsAs.Healthy,
            _ => false,
        },
        _ => false,
    };

    public override string ToString() =>
        $"{Healthy} of {Members} healthy, need {MinHealthy}" + (InMaintenance > 0 ? $" ({InMaintenance} in maintenance)" : "");
}
