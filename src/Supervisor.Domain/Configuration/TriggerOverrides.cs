namespace Supervisor.Domain.Configuration;

/// <summary>A value a group sets explicitly; the value itself may be null (the trigger turned <c>off</c>).</summary>
public readonly record struct Overridden<T>(T Value);

/// <summary>
/// A group's <c>triggers { … }</c>: the keys it sets replace its member devices' own trigger settings, for that group
/// only (a device shared by two groups can be judged more strictly by one). A key left out keeps the device's value.
/// </summary>
public sealed record TriggerOverrides
{
    public bool? LowBattery { get; init; }
    public double? LowBatteryGuardPercent { get; init; }
    public Overridden<double?>? ChargePercent { get; init; }
    public Overridden<TimeSpan?>? Runtime { get; init; }
    public DepletionOverride? Depletion { get; init; }
    public Overridden<TimeSpan?>? OnBattery { get; init; }
    public bool? ForcedShutdown { get; init; }
    public TimeSpan? OnBatteryDelay { get; init; }

    /// <summary>The device's triggers with this group's keys in their place.</summary>
    public TriggerSettings ApplyTo(TriggerSettings device) => device with
    {
        LowBattery = LowBattery ?? device.LowBattery,
        LowBatteryGuardPercent = LowBatteryGuardPercent ?? device.LowBatteryGuardPercent,
        ChargePercent = ChargePercent is { } charge ? charge.Value : device.ChargePercent,
        Runtime = Runtime is { } runtime ? runtime.Value : device.Runtime,
        Depletion = Depletion is { } depletion ? depletion.ApplyTo(device.Depletion) : device.Depletion,
        OnBattery = OnBattery is { } onBattery ? onBattery.Value : device.OnBattery,
        ForcedShutdown = ForcedShutdown ?? device.ForcedShutdown,
        OnBatteryDelay = OnBatteryDelay ?? device.OnBatteryDelay,
    };
}

/// <summary>A group's <c>depletion</c>: <c>off</c>, or the keys it sets over the device's depletion (or the defaults, if the device has it off).</summary>
public sealed record DepletionOverride(bool Off, double? PercentPerMinute, TimeSpan? Window, TimeSpan? Grace)
{
    public DepletionSettings? ApplyTo(DepletionSettings? device)
    {
        if (Off) return null;
        var d = device ?? DepletionSettings.Defaults;
        return new(PercentPerMinute ?? d.PercentPerMinute, Window ?? d.Window, Grace ?? d.Grace);
    }
}
