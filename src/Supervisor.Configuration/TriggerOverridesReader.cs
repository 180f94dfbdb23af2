using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Reads <c>supervisor.groups.&lt;id&gt;.triggers { … }</c>: the same keys as a device's <c>triggers</c>, but only
/// the ones written count, each replacing the member devices' value for this group. So none has a default: every
/// key is optional, and an unreadable one (reported) overrides nothing.
/// </summary>
internal static class TriggerOverridesReader
{
    private static readonly string[] DepletionKeys = ["rate", "window", "grace"];

    public static TriggerOverrides? Read(HoconSection group)
    {
        var t = group.Child("triggers");
        if (t is null)
        {
            if (group.Find("triggers", out var path) is { } bad)
                group.Diag.Error(path, $"must be an object, not {HoconSection.Describe(bad)}; write e.g. triggers {{ charge = 40, runtime = 900s }}");
            return null;
        }

        var overrides = new TriggerOverrides
        {
            LowBattery = t.OptionalBool("low-battery"),
            LowBatteryGuardPercent = t.OptionalNumber("low-battery-guard"),
            ChargePercent = t.Has("charge") ? new Overridden<double?>(t.NumberOrOff("charge")) : null,
            Runtime = t.Has("runtime") ? new Overridden<TimeSpan?>(t.DurationOrOff("runtime")) : null,
            Depletion = ReadDepletion(t),
            OnBattery = t.Has("on-battery") ? new Overridden<TimeSpan?>(t.DurationOrOff("on-battery")) : null,
            ForcedShutdown = t.OptionalBool("fsd"),
            OnBatteryDelay = t.Has("on-battery-delay") ? t.DurationOrOff("on-battery-delay") ?? TimeSpan.Zero : null,
        };
        t.WarnUnknownKeys(DeviceConfigReader.TriggerKeys);
        return overrides;
    }

    private static DepletionOverride? ReadDepletion(HoconSection triggers)
    {
        var value = triggers.Find("depletion", out var path);
        if (value is null) return null;
        if (!value.IsObject())
        {
            var text = value.IsString() ? value.GetString()?.Trim().ToLowerInvariant() : null;
            if (text is "off" or "false" or "no") return new DepletionOverride(true, null, null, null);
            triggers.Diag.Error(path, $"must be off or an object, not {HoconSection.Describe(value)}; write e.g. depletion {{ rate = 10 }}");
            return null;
        }

        var s = triggers.Child("depletion")!;
        var result = new DepletionOverride(false,
            s.OptionalNumber("rate"),
            s.OptionalDuration("window"),
            s.OptionalDuration("grace"));
        s.WarnUnknownKeys(DepletionKeys);
        return result;
    }
}
