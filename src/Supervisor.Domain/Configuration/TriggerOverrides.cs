using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// A group's <c>triggers { … }</c>: the keys it sets replace its member devices' own trigger settings, for that group
/// only (a device shared by two groups can be judged more strictly by one). A key left out keeps the device's value.
/// Each key is a <see cref="KeyOverride{TOwner}"/> of a key in <see cref="TriggerDefinitions"/>, e.g.
/// <c>TriggerOverrides.Of(ChargeTrigger.LimitPercent.Override(40))</c>.
/// </summary>
/// <param name="Keys">The keys the group writes, in the order of <see cref="TriggerDefinitions.Keys"/>.</param>
public sealed record TriggerOverrides(IReadOnlyList<KeyOverride<TriggerSettings>> Keys)
{
    public static TriggerOverrides Of(params IReadOnlyList<KeyOverride<TriggerSettings>> keys) => new(keys);

    /// <summary>The device's triggers with this group's keys in their place.</summary>
    public TriggerSettings ApplyTo(TriggerSettings device) => SettingKeys.Apply(Keys, device);
}
