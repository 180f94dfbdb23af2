using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// Cross-reference and range rules over a loaded <see cref="SupervisorSettings"/> (pure; no HOCON). The loader
/// calls it after parsing, but settings built in code can be checked the same way. Every rule reports with the
/// HOCON path of the offending key and a message that says how to fix it.
/// </summary>
public static partial class SettingsValidator
{
    /// <summary>Every error (the config must not be used while any exist), in file order.</summary>
    public static IReadOnlyList<ConfigError> Validate(SupervisorSettings s)
    {
        var errors = new List<ConfigError>();
        if (string.IsNullOrWhiteSpace(s.DataDir))
            errors.Add(new($"{ConfigPath.Root}.data-dir", "is empty; set the directory for the journal, the lock file and the agent's action log, " +
                                                          "e.g. data-dir = \"/var/lib/supervisor\" (or leave the key out for \"data\" under the working directory)"));
        ValidatePathText(s, errors);
        ValidateDevices(s.Devices, errors);
        ValidateGroups(s, errors);
        if (s.Agent is not null) ValidateAgent(s.Agent, errors);
        ValidatePlacement(s.Placement, errors);
        errors.AddRange(s.Stats.Validate());
        errors.AddRange(s.Notifications.Validate());
        errors.AddRange(s.Http.Validate());
        return errors;
    }

    private static void ValidatePlacement(PlacementSettings p, List<ConfigError> errors)
    {
        if (p.Partitions is < 1 or > PlacementSettings.MaxPartitions)
            errors.Add(new($"{ConfigPath.Root}.placement.partitions",
                $"{p.Partitions} is out of range; use 1 to {PlacementSettings.MaxPartitions} (about 10 per supervisor node is plenty; default {PlacementSettings.DefaultPartitions})"));
    }

    /// <summary>Things that are allowed but probably not meant (a device no group uses, a step for another host's agent).</summary>
    public static IReadOnlyList<ConfigError> ValidateWarnings(SupervisorSettings s)
    {
        var warnings = new List<ConfigError>();
        var grouped = s.Groups.SelectMany(g => g.Members).ToHashSet(StringComparer.Ordinal);
        foreach (var d in s.Devices.Where(d => !grouped.Contains(d.Id)))
            warnings.Add(new(ConfigPath.Device(d.Id), $"device \"{d.Id}\" is in no group; it is polled but can never start a shutdown — add it to a group's members"));
        foreach (var d in s.Devices)
        {
            WarnAboutTriggers(d.Triggers, $"{ConfigPath.Device(d.Id)}.triggers", warnings);
            WarnAboutStatusInterval(d, warnings);
        }
        var devices = s.Devices.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(d => d.Key, d => d.First(), StringComparer.Ordinal);
        foreach (var g in s.Groups.Where(g => g.Triggers is not null))
        foreach (var member in g.Members.Where(devices.ContainsKey).Distinct(StringComparer.Ordinal))
        {
            var before = warnings.Count;
            WarnAboutTriggers(g.TriggersFor(devices[member]), $"{ConfigPath.Group(g.Id)}.triggers", warnings);
            if (warnings.Count > before) break; // once per group is enough
        }

        var warnedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var g in s.Groups)
        {
            var phases = g.Shutdown.Phases;
            for (var p = 0; p < phases.Count; p++)
            {
                if (phases[p].Name == "local-host" && p != phases.Count - 1)
                    warnings.Add(new($"{ConfigPath.Phase(g.Id, p)}.name", "phase \"local-host\" is not the last phase; phases after it may never run once this host powers off"));
                for (var i = 0; i < phases[p].Steps.Count; i++)
                {
                    var step = phases[p].Steps[i];
                    if (step.Host.Length == 0 || IsAgentHost(s.Agent, step.Host) || !warnedHosts.Add(step.Host)) continue;
                    warnings.Add(new($"{ConfigPath.Step(g.Id, p, i)}.host",
                        $"no agent for host \"{step.Host}\" in this file; its actions are checked at run time by that host's agent"));
                }
            }
        }

        if (s.Placement.Mode == PlacementMode.Sharded && s.Journal.Provider == JournalProvider.Sqlite)
            warnings.Add(new($"{ConfigPath.Root}.placement.mode", "sharded with the sqlite journal: each node has its own journal.db, so a partition " +
                                                                   "that moves to another node forgets its groups' episodes and sagas; use journal.provider = postgresql"));

        if (s.Agent is { Actions.Count: 0 })
            warnings.Add(new($"{ConfigPath.Agent}.actions", "the agent allows no actions; every step sent to it will be refused"));
        ShortSecretWarnings(s, warnings);
        warnings.AddRange(s.Alerts.Warnings(s.Devices.Select(d => d.Id).Concat(s.Groups.Select(g => g.Id))));
        return warnings;
    }

    private static bool IsAgentHost(AgentSettings? agent, string host) =>
        agent is not null && string.Equals(agent.Host, host, StringComparison.OrdinalIgnoreCase);

    private static void ValidateGroups(SupervisorSettings s, List<ConfigError> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        // Built once, not per group: 1 000 groups over 10 000 devices took seconds when each group listed every id.
        var known = s.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var knownText = new Lazy<string>(() => known.Count == 0
            ? "no devices are configured under supervisor.devices"
            : "known devices: " + string.Join(", ", s.Devices.Select(d => d.Id)));
        foreach (var g in s.Groups)
        {
            var path = ConfigPath.Group(g.Id);
            if (!ids.Add(g.Id)) errors.Add(new(path, $"group id \"{g.Id}\" is used twice; give each group a unique id"));
            ValidateGroupText(g, errors);
            ValidateMembers(g, known, knownText, path, errors);
            // The group's own keys, checked alone (keys it leaves out come from the members, checked as devices).
            if (g.Triggers is { } overrides) TriggerDefinitions.Validate(overrides, $"{path}.triggers", errors);
            if (g.DegradedCountsAs == CountsAs.Degraded)
                errors.Add(new($"{path}.degraded-counts-as", "\"degraded\" is only for unknown-counts-as; use healthy or critical"));
            NotNegative(errors, $"{path}.startup-grace", g.StartupGrace);
            NotNegative(errors, $"{path}.rearm-after", g.RearmAfter);
            NotNegative(errors, $"{path}.shutdown.safety-margin", g.Shutdown.SafetyMargin);
            Positive(errors, $"{path}.shutdown.retry-interval", g.Shutdown.RetryInterval, "5s");
            ValidatePhases(s.Agent, g, errors);
        }
    }

    private static void ValidateMembers(GroupSettings g, HashSet<string> known, Lazy<string> knownText, string path, List<ConfigError> errors)
    {
        if (g.Members.Count == 0)
        {
            errors.Add(new($"{path}.members", "the group has no members; list the devices that feed it, e.g. members = [ups-a, ups-b]"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in g.Members)
        {
            if (!seen.Add(m))
                errors.Add(new($"{path}.members", $"device \"{m}\" is listed twice; list each member once"));
            else if (!known.Contains(m))
                errors.Add(new($"{path}.members", $"unknown device \"{m}\" ({knownText.Value})"));
        }

        if (g.MinHealthy < 1)
            errors.Add(new($"{path}.min-healthy", $"must be at least 1 (got {g.MinHealthy})"));
        else if (g.MinHealthy > seen.Count)
            errors.Add(new($"{path}.min-healthy",
                $"{g.MinHealthy} is more than the group's {seen.Count} member(s), so quorum could never be met; use 1 to {seen.Count}"));
    }

    private static void ValidatePhases(AgentSettings? agent, GroupSettings g, List<ConfigError> errors)
    {
        var phases = g.Shutdown.Phases;
        if (phases.Count == 0)
        {
            errors.Add(new($"{ConfigPath.Group(g.Id)}.shutdown.phases",
                "no phases, so losing quorum would shut nothing down; add e.g. phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ]"));
            return;
        }

        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < phases.Count; p++)
        {
            var phase = phases[p];
            var path = ConfigPath.Phase(g.Id, p);
            if (string.IsNullOrWhiteSpace(phase.Name))
                errors.Add(new($"{path}.name", "missing; name the phase, e.g. name = vms"));
            else if (!firstIndex.TryAdd(phase.Name, p))
                errors.Add(new($"{path}.name", $"phase \"{phase.Name}\" appears twice (also phases[{firstIndex[phase.Name]}]); give each phase a unique name"));

            if (phase.Steps.Count == 0)
                errors.Add(new($"{path}.steps", $"phase \"{phase.Name}\" has no steps; add at least one, e.g. steps = [ {{ host = hv-1, action = stop-vms }} ]"));
            for (var i = 0; i < phase.Steps.Count; i++)
                ValidateStep(agent, phase.Steps[i], ConfigPath.Step(g.Id, p, i), errors);
        }
    }

    private static void ValidateStep(AgentSettings? agent, StepSettings step, string path, List<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(step.Host))
            errors.Add(new($"{path}.host", "missing; name the host whose agent runs this step, e.g. host = hv-1"));
        if (string.IsNullOrWhiteSpace(step.Action))
            errors.Add(new($"{path}.action", "missing; name an action from that host's supervisor.agent.actions, e.g. action = poweroff"));
        else if (agent is not null && IsAgentHost(agent, step.Host) && agent.FindAction(step.Action) is null)
        {
            var allowed = agent.Actions.Count == 0 ? "none" : string.Join(", ", agent.Actions.Select(a => a.Name));
            errors.Add(new($"{path}.action",
                $"host \"{step.Host}\" has no action \"{step.Action}\" in supervisor.agent.actions (allowed: {allowed}); add it there or fix the name"));
        }
        Positive(errors, $"{path}.timeout", step.Timeout, "60s");
    }

    private static void ValidateAgent(AgentSettings agent, List<ConfigError> errors)
    {
        if (string.IsNullOrWhiteSpace(agent.Host))
            errors.Add(new($"{ConfigPath.Agent}.host", "missing; set the host name sagas address this agent by, e.g. host = hv-1"));
        if (string.IsNullOrWhiteSpace(agent.ActionLog))
            errors.Add(new($"{ConfigPath.Agent}.action-log", "missing; set a file for the action log, e.g. action-log = \"agent-actions.jsonl\""));

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in agent.Actions)
        {
            var path = ConfigPath.AgentAction(action.Name);
            if (!names.Add(action.Name)) errors.Add(new(path, $"action \"{action.Name}\" is defined twice; keep one"));
            foreach (var (key, problem) in action.Spec.Problems()) errors.Add(new($"{path}.{key}", problem));
            Positive(errors, $"{path}.timeout", action.Timeout, "60s");
        }

        var failsafe = agent.Failsafe;
        for (var i = 0; i < failsafe.Sequence.Count; i++)
            if (agent.FindAction(failsafe.Sequence[i]) is null)
                errors.Add(new($"{ConfigPath.Agent}.failsafe.sequence[{i}]",
                    $"\"{failsafe.Sequence[i]}\" is not an action of this agent (actions: {(agent.Actions.Count == 0 ? "none" : string.Join(", ", agent.Actions.Select(a => a.Name)))}); the fail-safe only runs allow-listed actions"));
        Positive(errors, $"{ConfigPath.Agent}.failsafe.after", failsafe.After, "60s");
    }

    internal static void Positive(List<ConfigError> errors, string path, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
            errors.Add(new(path, $"must be longer than 0 (got {ConfigSummary.FormatDuration(value)}); write e.g. {example}"));
    }

    internal static void NotNegative(List<ConfigError> errors, string path, TimeSpan? value)
    {
        if (value < TimeSpan.Zero)
            errors.Add(new(path, $"must not be negative (got {ConfigSummary.FormatDuration(value.Value)})"));
    }

    internal static void Percent(List<ConfigError> errors, string path, double? value)
    {
        if (value is < 0 or > 100 || (value is { } v && double.IsNaN(v)))
            errors.Add(new(path, $"{value} is not a percentage; use a number from 0 to 100"));
    }
}
