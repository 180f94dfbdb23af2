using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>A range check on a key's value; adds its error at the key's HOCON path.</summary>
public delegate void KeyCheck<in T>(T value, string path, List<ConfigError> errors);

/// <summary>The range checks trigger keys use, with the validator's messages.</summary>
public static class KeyChecks
{
    public static void None<T>(T value, string path, List<ConfigError> errors) { }

    /// <summary>0 to 100; off (null) passes.</summary>
    public static void Percent(double? value, string path, List<ConfigError> errors) => SettingsValidator.Percent(errors, path, value);

    public static void NotNegative(TimeSpan? value, string path, List<ConfigError> errors) => SettingsValidator.NotNegative(errors, path, value);

    /// <summary>Longer than 0; off (null) passes. <paramref name="example"/> is the fix shown, e.g. <c>600s (or off)</c>.</summary>
    public static KeyCheck<TimeSpan?> Positive(string example) => (value, path, errors) =>
    {
        if (value is { } d) SettingsValidator.Positive(errors, path, d, example);
    };
}

/// <summary>An <c>on</c> / <c>off</c> switch (<c>low-battery</c>, <c>fsd</c>).</summary>
public sealed class FlagKey<TOwner>(string name, Func<TOwner, bool> get, Func<TOwner, bool, TOwner> set)
    : ValueKey<TOwner, bool>(name, get, set)
{
    protected override bool TryRead(ITriggerValues values, out bool value)
    {
        var read = values.Bool(Name);
        value = read ?? false;
        return read is not null;
    }

    protected override void Check(bool value, string path, List<ConfigError> errors) { }
}

/// <summary>A number that cannot be turned off (<c>low-battery-guard</c>, a depletion <c>rate</c>).</summary>
public sealed class NumberKey<TOwner>(string name, Func<TOwner, double> get, Func<TOwner, double, TOwner> set, KeyCheck<double> check)
    : ValueKey<TOwner, double>(name, get, set)
{
    protected override bool TryRead(ITriggerValues values, out double value)
    {
        var read = values.Number(Name);
        value = read ?? 0;
        return read is not null;
    }

    protected override void Check(double value, string path, List<ConfigError> errors) => check(value, path, errors);
}

/// <summary>A number or <c>off</c> (<c>charge</c>).</summary>
public sealed class NumberOrOffKey<TOwner>(string name, Func<TOwner, double?> get, Func<TOwner, double?, TOwner> set, KeyCheck<double?> check)
    : ValueKey<TOwner, double?>(name, get, set)
{
    protected override bool TryRead(ITriggerValues values, out double? value)
    {
        value = values.Has(Name) ? values.NumberOrOff(Name) : null;
        return values.Has(Name);
    }

    protected override void Check(double? value, string path, List<ConfigError> errors) => check(value, path, errors);
}

/// <summary>A duration that cannot be turned off (a depletion <c>window</c>, <c>grace</c>).</summary>
public sealed class DurationKey<TOwner>(string name, Func<TOwner, TimeSpan> get, Func<TOwner, TimeSpan, TOwner> set, KeyCheck<TimeSpan?> check)
    : ValueKey<TOwner, TimeSpan>(name, get, set)
{
    protected override bool TryRead(ITriggerValues values, out TimeSpan value)
    {
        var read = values.Duration(Name);
        value = read ?? TimeSpan.Zero;
        return read is not null;
    }

    protected override void Check(TimeSpan value, string path, List<ConfigError> errors) => check(value, path, errors);
}

/// <summary>A duration or <c>off</c> (<c>runtime</c>, <c>on-battery</c>; <c>on-battery-delay</c>, whose setter reads off as 0 s).</summary>
public sealed class DurationOrOffKey<TOwner>(string name, Func<TOwner, TimeSpan?> get, Func<TOwner, TimeSpan?, TOwner> set, KeyCheck<TimeSpan?> check)
    : ValueKey<TOwner, TimeSpan?>(name, get, set)
{
    protected override bool TryRead(ITriggerValues values, out TimeSpan? value)
    {
        value = values.Has(Name) ? values.DurationOrOff(Name) : null;
        return values.Has(Name);
    }

    protected override void Check(TimeSpan? value, string path, List<ConfigError> errors) => check(value, path, errors);
}

/// <summary>
/// A nested block or <c>off</c> (<c>depletion { … }</c>), with keys of its own. A group's block sets its keys over the
/// member's block, or over <paramref name="fallback"/> when the member has it off.
/// </summary>
/// <param name="unset">What the block's keys are read into (each key sets its field).</param>
/// <param name="example">The fix shown for a device's unreadable value; <paramref name="overrideExample"/> for a group's.</param>
public sealed class BlockKey<TOwner, TBlock>(
    string name, Func<TOwner, TBlock?> get, Func<TOwner, TBlock?, TOwner> set, IReadOnlyList<SettingKey<TBlock>> keys,
    TBlock unset, TBlock fallback, string example, string overrideExample) : SettingKey<TOwner>(name) where TBlock : class
{
    public IReadOnlyList<SettingKey<TBlock>> Keys { get; } = keys;

    public override bool IsBlock => true;

    /// <summary>The group's <c>{Name} = off</c>.</summary>
    public KeyOverride<TOwner> Off() => new(this, o => set(o, null));

    /// <summary>The group's block writing <paramref name="changes"/> over the member's (or the fallback).</summary>
    public KeyOverride<TOwner> Override(params IReadOnlyList<KeyOverride<TBlock>> changes) =>
        new(this, o => set(o, SettingKeys.Apply(changes, get(o) ?? fallback)));

    public override TOwner ReadInto(TOwner owner, ITriggerValues values)
    {
        var block = values.Block(Name, example);
        if (block.Off) return set(owner, null);
        return block.Values is { } v ? set(owner, SettingKeys.Read(Keys, unset, v)) : owner;
    }

    public override KeyOverride<TOwner>? ReadOverride(ITriggerValues values)
    {
        var block = values.Block(Name, overrideExample);
        if (block.Off) return Off();
        return block.Values is { } v ? Override(SettingKeys.ReadOverrides(Keys, v)) : null;
    }

    public override void Validate(TOwner owner, string path, List<ConfigError> errors)
    {
        if (get(owner) is { } b) SettingKeys.Validate(Keys, b, $"{path}.{Name}", errors);
    }
}
