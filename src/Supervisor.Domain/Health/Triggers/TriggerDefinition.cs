using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>
/// One trigger's part of <c>triggers { … }</c>: its keys, each knowing how it is read, overridden by a group and checked.
/// </summary>
/// <param name="Kind">The trigger it configures; null for a setting that is no trigger of its own (<c>on-battery-delay</c>).</param>
public sealed record TriggerDefinition(TriggerKind? Kind, IReadOnlyList<SettingKey<TriggerSettings>> Keys)
{
    /// <summary>When and in which order its condition is evaluated; null for a setting that is no trigger.</summary>
    internal TriggerEvaluation? Evaluation { get; init; }
}

/// <summary>
/// The triggers a device's <c>triggers { … }</c> and a group's configure. A new trigger is a rule file in this folder (its keys,
/// its condition and its <see cref="TriggerEvaluation"/>) and one line here, plus its field in <see cref="TriggerSettings"/>,
/// its <see cref="TriggerKind"/>, its default in reference.conf and its docs row: the device and group readers, the
/// validator, the group override merger and the health rules' evaluation (<see cref="HealthTriggers"/>) iterate over this list.
/// </summary>
public static class TriggerDefinitions
{
    /// <summary>In the order of the keys in reference.conf (the readers read, and name unknown keys' neighbours, in this order).</summary>
    public static IReadOnlyList<TriggerDefinition> All { get; } =
    [
        LowBatteryTrigger.Definition,
        ChargeTrigger.Definition,
        RuntimeTrigger.Definition,
        DepletionTrigger.Definition,
        TimeOnBatteryTrigger.Definition,
        ForcedShutdownTrigger.Definition,
        OnBatteryDelaySetting.Definition,
    ];

    /// <summary>Every key of every trigger, in order.</summary>
    public static IReadOnlyList<SettingKey<TriggerSettings>> Keys { get; } = [.. All.SelectMany(d => d.Keys)];

    /// <summary>The HOCON keys of a <c>triggers { … }</c> block.</summary>
    public static IReadOnlyList<string> KeyNames { get; } = SettingKeys.Names(Keys);

    /// <summary>What the keys are read into: every field is set by one of them, so none of these values survives a read.</summary>
    internal static TriggerSettings Unset { get; } = new(false, 0, null, null, null, null, false);

    /// <summary>A device's triggers: every key (each has a default in reference.conf).</summary>
    public static TriggerSettings Read(ITriggerValues values) => SettingKeys.Read(Keys, Unset, values);

    /// <summary>A group's triggers: the keys it writes.</summary>
    public static TriggerOverrides ReadOverrides(ITriggerValues values) => new(SettingKeys.ReadOverrides(Keys, values));

    public static void Validate(TriggerSettings t, string path, List<ConfigError> errors) => SettingKeys.Validate(Keys, t, path, errors);

    /// <summary>A group's keys, each checked alone (the keys it leaves out come from the members, checked as devices).</summary>
    public static void Validate(TriggerOverrides overrides, string path, List<ConfigError> errors) =>
        SettingKeys.ValidateOverrides(overrides.Keys, Unset, path, errors);
}
