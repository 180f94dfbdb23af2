using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.groups.&lt;id&gt;.triggers { … }</c>: the same keys as a device's <c>triggers</c>, but only
/// the ones written count, each replacing the member devices' value for this group. So none has a default: every
/// key is optional, and an unreadable one (reported) overrides nothing.
/// </summary>
internal static class TriggerOverridesReader
{
    public static TriggerOverrides? Read(HoconSection group)
    {
        var t = group.Child("triggers");
        if (t is null)
        {
            if (group.Find("triggers", out var path) is { } bad)
                group.Diag.Error(path, $"must be an object, not {HoconSection.Describe(bad)}; write e.g. triggers {{ charge = 40, runtime = 900s }}");
            return null;
        }
        return TriggerDefinitions.ReadOverrides(new WrittenTriggerValues(t));
    }
}
