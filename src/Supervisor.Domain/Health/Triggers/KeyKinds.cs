using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

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

/// <summary>A value that cannot be off: there is one to take unless a group leaves the key out or writes it unreadably.</summary>
public abstract class PlainKey<TOwner, T>(string name, Func<TOwner, T> get, Func<TOwner, T, TOwner> set, KeyCheck<T> check)
    : ValueKey<TOwner, T>(name, get, set, check) where T : struct
{
    /// <summary>The value; null when there is none (a device's source always has one).</summary>
    protected abstract T? Read(ITriggerValues values);

    protected sealed override bool TryRead(ITriggerValues values, out T value)
    {
        var read = Read(values);
        value = read.GetValueOrDefault();
        return read.HasValue;
    }
}

/// <summary>A value or <c>off</c> (null): a key written at all is taken, off included (an unreadable one, reported, as off).</summary>
public abstract class OffableKey<TOwner, T>(string name, Func<TOwner, T?> get, Func<TOwner, T?, TOwner> set, KeyCheck<T?> check)
    : ValueKey<TOwner, T?>(name, get, set, check) where T : struct
{
    /// <summary>The value, or null for off; only asked for a key that is written.</summary>
    protected abstract T? ReadOrOff(ITriggerValues values);

    protected sealed override bool TryRead(ITriggerValues values, out T? value)
    {
        var written = values.Has(Name);
        value = written ? ReadOrOff(values) : null;
        return written;
    }
}

/// <summary>An <c>on</c> / <c>off</c> switch (<c>low-battery</c>, <c>fsd</c>).</summary>
public sealed class FlagKey<TOwner>(string name, Func<TOwner, bool> get, Func<TOwner, bool, TOwner> set)
    : PlainKey<TOwner, bool>(name, get, set, KeyChecks.None)
{
    protected override bool? Read(ITriggerValues values) => values.Bool(Name);
}

/// <summary>A number that cannot be turned off (<c>low-battery-guard</c>, a depletion <c>rate</c>).</summary>
public sealed class NumberKey<TOwner>(string name, Func<TOwner, double> get, Func<TOwner, double, TOwner> set, KeyCheck<double> check)
    : PlainKey<TOwner, double>(name, get, set, check)
{
    protected override double? Read(ITriggerValues values) => values.Number(Name);
}

/// <summary>A duration that cannot be turned off (a depletion <c>window</c>, <c>grace</c>).</summary>
public sealed class DurationKey<TOwner>(string name, Func<TOwner, TimeSpan> get, Func<TOwner, TimeSpan, TOwner> set, KeyCheck<TimeSpan?> check)
    : PlainKey<TOwner, TimeSpan>(name, get, set, (value, path, errors) => check(value, path, errors))
{
    protected override TimeSpan? Read(ITriggerValues values) => values.Duration(Name);
}

/// <summary>A number or <c>off</c> (<c>charge</c>).</summary>
public sealed class NumberOrOffKey<TOwner>(string name, Func<TOwner, double?> get, Func<TOwner, double?, TOwner> set, KeyCheck<double?> check)
    : OffableKey<TOwner, double>(name, get, set, check)
{
    protected override double? ReadOrOff(ITriggerValues values) => values.NumberOrOff(Name);
}

/// <summary>A duration or <c>off</c> (<c>runtime</c>, <c>on-battery</c>; <c>on-battery-delay</c>, whose setter reads off as 0 s).</summary>
public sealed class DurationOrOffKey<TOwner>(string name, Func<TOwner, TimeSpan?> get, Func<TOwner, TimeSpan?, TOwner> set, KeyCheck<TimeSpan?> check)
    : OffableKey<TOwner, TimeSpan>(name, get, set, check)
{
    protected override TimeSpan? ReadOrOff(ITriggerValues values) => values.DurationOrOff(Name);
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
