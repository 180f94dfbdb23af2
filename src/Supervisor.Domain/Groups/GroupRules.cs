using Supervisor.Domain.Health;

namespace Supervisor.Domain.Groups;

/// <summary>
/// The quorum state machine, pure. Invariants (property-tested):
/// no saga starts while quorum holds after the grace; at most one saga per episode;
/// after re-arm a new episode can always start.
/// </summary>
public static class GroupRules
{
    /// <summary>Rebuild the persisted part from one journal event (used on recovery and after every persist).</summary>
    public static GroupMachine Apply(GroupMachine m, GroupEvent e) => e switch
    {
        EpisodeStarted s => m with { Phase = EpisodePhase.Running, Episode = s.Episode, ActiveSagaId = s.SagaId, PowerRestoredNotified = false },
        EpisodeSagaEnded { Outcome: SagaOutcome.Completed } => m with { Phase = EpisodePhase.Completed, ActiveSagaId = null },
        EpisodeSagaEnded => m with { Phase = EpisodePhase.Aborted, ActiveSagaId = null },
        GroupRearmed => m with { Phase = EpisodePhase.Armed },
        MaintenanceStarted or MaintenanceEnded => MaintenanceRules.Apply(m, e),
        _ => m,
    };

    /// <summary>
    /// Saga id for an episode: group, episode number and start time (UTC, to the second). The episode counter
    /// alone is not enough: agents remember steps by saga id in their own journals, so if the supervisor's
    /// journal were ever reset (or another supervisor with its own journal took over), "rack-a-1" would come
    /// round again and agents would answer its steps from the old record instead of running them.
    /// </summary>
    public static string SagaIdFor(string groupId, int episode, DateTimeOffset startedAt) =>
        $"{groupId}-{episode}-{startedAt.UtcDateTime:yyyyMMdd'T'HHmmss}";

    public static GroupStep Handle(GroupMachine m, GroupInput input, GroupPolicy policy)
    {
        var events = new List<GroupEvent>();
        var effects = new List<GroupEffect>();
        var now = input.At;
        string? refusal = null;
        // A window that ran out closes first: from now on the member counts with its live health, and a request judges the
        // group as it is (an end asked after the expiry finds nothing to end).
        foreach (var expired in MaintenanceRules.Expired(m, policy, now).ToList())
            m = Emit(m, expired, events);

        switch (input)
        {
            case MemberHealthChanged c when policy.Members.Contains(c.DeviceId):
                m = m with { Members = m.Members.SetItem(c.DeviceId, c.Health) };
                break;
            case SagaFinished f when f.SagaId == m.ActiveSagaId:
                m = Emit(m, new EpisodeSagaEnded(policy.GroupId, f.SagaId, f.Outcome, f.Reason, now), events);
                break;
            case MaintenanceRequested r:
                refusal = MaintenanceRules.RefusalOf(m, policy, r);
                if (refusal is null) m = Emit(m, MaintenanceRules.Started(policy, r), events);
                break;
            case MaintenanceEndRequested r:
                refusal = MaintenanceRules.EndRefusalOf(m, policy, r.DeviceId);
                if (refusal is null)
                    m = Emit(m, new MaintenanceEnded(policy.GroupId, r.DeviceId, MaintenanceEndCause.Ended, m.Maintenance[r.DeviceId].Reason, r.By, now), events);
                break;
        }

        var count = QuorumCount.Of(policy, m.Members, m.Maintenance);
        m = m with
        {
            LastCount = count,
            GraceOver = m.GraceOver || now >= m.StartedAt + policy.StartupGrace,
            QuorumHeldSince = count.HoldsOnEvidence ? m.QuorumHeldSince ?? now : null,
        };

        switch (m.Phase)
        {
            case EpisodePhase.Armed when !count.Holds && (m.GraceOver || count.AllCritical):
                var episode = m.Episode + 1;
                var sagaId = SagaIdFor(policy.GroupId, episode, now);
                var reason = LossReason(policy, m, count);
                m = Emit(m, new EpisodeStarted(policy.GroupId, episode, sagaId, reason, now), events);
                effects.Add(new StartSaga(sagaId, episode, reason));
                break;
            // Ending or re-arming an episode needs members that are healthy on evidence (UNKNOWN never counts here).
            case EpisodePhase.Running when count.HoldsOnEvidence && !m.PowerRestoredNotified:
                m = m with { PowerRestoredNotified = true };
                effects.Add(new NotifyPowerRestored(m.ActiveSagaId!, $"quorum restored: {count}"));
                break;
            case EpisodePhase.Running when !count.HoldsOnEvidence:
                m = m with { PowerRestoredNotified = false };
                break;
            case EpisodePhase.Completed when count.HoldsOnEvidence && now - m.QuorumHeldSince!.Value >= policy.RearmAfter:
                m = Emit(m, new GroupRearmed(policy.GroupId, $"quorum held for {policy.RearmAfter.TotalSeconds:0.#}s after the completed shutdown", now), events);
                break;
            case EpisodePhase.Aborted when count.HoldsOnEvidence:
                m = Emit(m, new GroupRearmed(policy.GroupId, "quorum holds again after the aborted saga", now), events);
                break;
        }
        return new GroupStep(m, events, effects) { Refusal = refusal };
    }

    private static GroupMachine Emit(GroupMachine m, GroupEvent e, List<GroupEvent> events)
    {
        events.Add(e);
        return Apply(m, e);
    }

    private static string LossReason(GroupPolicy policy, GroupMachine m, QuorumCount count)
    {
        var members = string.Join(", ", policy.Members.Select(id =>
            $"{id}={(m.Maintenance.ContainsKey(id) ? "MAINTENANCE" : m.Members.GetValueOrDefault(id, DeviceHealth.Unknown).ToString())}"));
        var why = m.GraceOver ? "quorum lost" : "every member CRITICAL during start-up grace";
        return $"{why}: {count} ({members})";
    }
}
