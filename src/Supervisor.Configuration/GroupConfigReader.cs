using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>Reads <c>supervisor.groups.&lt;id&gt;</c> entries, merged with <c>supervisor.defaults.group</c> / <c>.step</c>.</summary>
internal static class GroupConfigReader
{
    private static readonly string[] GroupKeys =
        ["members", "min-healthy", "degraded-counts-as", "unknown-counts-as", "startup-grace", "rearm-after", "shutdown", "power-budget-watts", "triggers"];
    private static readonly string[] ShutdownKeys = ["safety-margin", "on-power-restored", "retry-interval", "phases"];
    private static readonly string[] PhaseKeys = ["name", "steps"];
    private static readonly string[] StepKeys = ["host", "action", "timeout", "irreversible"];

    /// <summary>Phases whose steps are irreversible unless a step says otherwise.</summary>
    private static readonly string[] IrreversiblePhases = ["remote-hosts", "local-host"];

    private static readonly IReadOnlyDictionary<string, CountsAs> DegradedCountsAsNames = ConfigMaps.LowerCaseNames(CountsAs.Degraded);

    /// <summary>An UNKNOWN member may also count like a DEGRADED one (and so follow degraded-counts-as).</summary>
    private static readonly IReadOnlyDictionary<string, CountsAs> UnknownCountsAsNames = ConfigMaps.LowerCaseNames<CountsAs>();

    private static readonly IReadOnlyDictionary<string, PowerRestoredPolicy> PolicyNames = ConfigMaps.LowerCaseNames<PowerRestoredPolicy>();

    public static List<GroupSettings> Read(HoconObject? groups, DefaultLayers defaults, ConfigDiagnostics diag)
    {
        var entries = ConfigMaps.ObjectEntries(groups, diag, ConfigPath.Group, "members = [ups-a], shutdown { phases = [ … ] }");
        return [.. entries.Select(e => ReadGroup(e.Id, new HoconSection(ConfigPath.Group(e.Id), e.Value, diag, defaults.Group), defaults))];
    }

    private static GroupSettings ReadGroup(string id, HoconSection s, DefaultLayers defaults)
    {
        var group = new GroupSettings(
            Id: id,
            Members: s.StringList("members", "[ups-a, ups-b]") ?? [],
            MinHealthy: s.Int("min-healthy"),
            DegradedCountsAs: s.Enum("degraded-counts-as", DegradedCountsAsNames),
            UnknownCountsAs: s.Enum("unknown-counts-as", UnknownCountsAsNames),
            StartupGrace: s.OptionalDuration("startup-grace", "auto"),
            RearmAfter: s.Duration("rearm-after"),
            Shutdown: ReadShutdown(id, s, defaults))
        {
            PowerBudgetWatts = s.OptionalNumberOrOff("power-budget-watts"),
            Triggers = TriggerOverridesReader.Read(s),
        };
        if (group.PowerBudgetWatts is <= 0)
            s.Diag.Error(s.KeyPath("power-budget-watts"), $"{group.PowerBudgetWatts} must be > 0 W (or leave it out)");
        s.WarnUnknownKeys(GroupKeys);
        return group;
    }

    private static ShutdownSettings ReadShutdown(string groupId, HoconSection group, DefaultLayers defaults)
    {
        var s = group.Child("shutdown");
        if (s is null)
        {
            var bad = group.Find("shutdown", out var path);
            if (bad is not null)
                group.Diag.Error(path, $"must be an object, not {HoconSection.Describe(bad)}; write e.g. shutdown {{ phases = [ … ] }}");
            // Goes on with reference.conf's shutdown settings and no phases (the load fails anyway).
            s = group.DefaultedChild("shutdown");
        }

        var shutdown = new ShutdownSettings(
            SafetyMargin: s.Duration("safety-margin"),
            OnPowerRestored: s.Enum("on-power-restored", PolicyNames),
            RetryInterval: s.Duration("retry-interval"),
            Phases: ReadPhases(groupId, s, defaults));
        s.WarnUnknownKeys(ShutdownKeys);
        return shutdown;
    }

    private static List<PhaseSettings> ReadPhases(string groupId, HoconSection shutdown, DefaultLayers defaults)
    {
        var phases = new List<PhaseSettings>();
        var items = shutdown.Array("phases", "[ { name = vms, steps = [ { host = hv-1, action = stop-vms } ] } ]");
        for (var p = 0; p < (items?.Count ?? 0); p++)
        {
            var path = ConfigPath.Phase(groupId, p);
            if (!items![p].IsObject())
            {
                shutdown.Diag.Error(path, $"must be an object, not {HoconSection.Describe(items[p])}; write e.g. {{ name = vms, steps = [ … ] }}");
                continue;
            }
            var s = new HoconSection(path, items[p].GetObject(), shutdown.Diag);
            var name = s.RequiredString("name");
            phases.Add(new PhaseSettings(name, ReadSteps(groupId, p, name, s, defaults)));
            s.WarnUnknownKeys(PhaseKeys);
        }
        return phases;
    }

    private static List<StepSettings> ReadSteps(string groupId, int phaseIndex, string phaseName, HoconSection phase, DefaultLayers defaults)
    {
        var steps = new List<StepSettings>();
        var items = phase.Array("steps", "[ { host = hv-1, action = stop-vms, timeout = 120s } ]");
        var irreversibleByDefault = IrreversiblePhases.Contains(phaseName);
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var path = ConfigPath.Step(groupId, phaseIndex, i);
            if (!items![i].IsObject())
            {
                phase.Diag.Error(path, $"must be an object, not {HoconSection.Describe(items[i])}; write e.g. {{ host = hv-1, action = stop-vms }}");
                continue;
            }
            var s = new HoconSection(path, items[i].GetObject(), phase.Diag, defaults.Step);
            steps.Add(new StepSettings(
                Host: s.RequiredString("host"),
                Action: s.RequiredString("action"),
                Timeout: s.Duration("timeout"),
                // No fixed default: it follows the phase's name (an unreadable value too, after its error).
                Irreversible: s.OptionalBool("irreversible") ?? irreversibleByDefault));
            s.WarnUnknownKeys(StepKeys);
        }
        return steps;
    }
}
