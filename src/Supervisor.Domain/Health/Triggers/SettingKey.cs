using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>
/// Where the value of a trigger key comes from. The config layer gives two: a device's <c>triggers</c>, where every key
/// has a value (reference.conf gives the defaults, so <see cref="Has"/> is always true and no getter answers null), and a
/// group's, where only the keys written count (a getter answers null for a key that is missing or unreadable). A bad
/// value is reported by the source at its HOCON path; the key only decides what it means.
/// </summary>
public interface ITriggerValues
{
    bool Has(string key);
    bool? Bool(string key);
    double? Number(string key);
    TimeSpan? Duration(string key);
    /// <summary>A number or <c>off</c> (null); only asked for a key that <see cref="Has"/>.</summary>
    double? NumberOrOff(string key);
    /// <summary>A duration or <c>off</c> (null); only asked for a key that <see cref="Has"/>.</summary>
    TimeSpan? DurationOrOff(string key);
    /// <summary>The nested block <paramref name="key"/>: off, its values, or neither (missing, or unreadable and reported).</summary>
    /// <param name="example">Shown when the value is neither off nor an object, e.g. <c>depletion { rate = 15 }</c>.</param>
    TriggerBlock Block(string key, string example);
    /// <summary>Warns about the keys written here that are not in <paramref name="known"/> (a likely typo).</summary>
    void WarnUnknownKeys(IReadOnlyCollection<string> known);
}

/// <summary>A nested block's value: <c>off</c>, or its values (<see cref="Values"/> null and not off: nothing to read).</summary>
public readonly record struct TriggerBlock(bool Off, ITriggerValues? Values);

/// <summary>One key a group writes, as the change it makes to the member's settings.</summary>
public sealed record KeyOverride<TOwner>(SettingKey<TOwner> Key, Func<TOwner, TOwner> Apply);

/// <summary>
/// One HOCON key of a settings record <typeparamref name="TOwner"/> (<see cref="TriggerSettings"/>, or a nested block
/// like <see cref="DepletionSettings"/>): how it is read into the record, read as a group's override, and range-checked.
/// The readers, the validator and the override merger iterate over these instead of naming each key.
/// </summary>
public abstract class SettingKey<TOwner>(string name)
{
    /// <summary>The HOCON key, e.g. <c>charge</c>.</summary>
    public string Name { get; } = name;

    /// <summary><paramref name="owner"/> with this key's value from <paramref name="values"/> (a device: every key given).</summary>
    public abstract TOwner ReadInto(TOwner owner, ITriggerValues values);

    /// <summary>The change a group's block makes with this key; null when it does not write it (or wrote it unreadably).</summary>
    public abstract KeyOverride<TOwner>? ReadOverride(ITriggerValues values);

    /// <summary>Adds an error at <c>{path}.{Name}</c> (or below, for a block) when the value is out of range.</summary>
    public abstract void Validate(TOwner owner, string path, List<ConfigError> errors);

    /// <summary>A nested block: checked after the plain keys, so its inner keys' errors come last (as they always have).</summary>
    public virtual bool IsBlock => false;

    public override string ToString() => Name;
}

/// <summary>A range check on a key's value; adds its error at the key's HOCON path.</summary>
public delegate void KeyCheck<in T>(T value, string path, List<ConfigError> errors);

/// <summary>A key holding one value of type <typeparamref name="T"/> in <typeparamref name="TOwner"/>, range-checked by <paramref name="check"/>.</summary>
public abstract class ValueKey<TOwner, T>(string name, Func<TOwner, T> get, Func<TOwner, T, TOwner> set, KeyCheck<T> check)
    : SettingKey<TOwner>(name)
{
    public T Get(TOwner owner) => get(owner);

    /// <summary>The override that sets this key to <paramref name="value"/> (what a group writing it reads as).</summary>
    public KeyOverride<TOwner> Override(T value) => new(this, o => set(o, value));

    /// <summary>The value written; false when there is none to take (only for a group: missing or unreadable).</summary>
    protected abstract bool TryRead(ITriggerValues values, out T value);

    public override TOwner ReadInto(TOwner owner, ITriggerValues values) => TryRead(values, out var v) ? set(owner, v) : owner;

    public override KeyOverride<TOwner>? ReadOverride(ITriggerValues values) => TryRead(values, out var v) ? Override(v) : null;

    public override void Validate(TOwner owner, string path, List<ConfigError> errors) => check(get(owner), $"{path}.{Name}", errors);
}

/// <summary>The keys of one settings record, read, overridden and checked together.</summary>
public static class SettingKeys
{
    /// <summary>Every key of <paramref name="keys"/> read into <paramref name="unset"/>, a record whose every field a key sets.</summary>
    public static TOwner Read<TOwner>(IReadOnlyList<SettingKey<TOwner>> keys, TOwner unset, ITriggerValues values)
    {
        var result = keys.Aggregate(unset, (owner, key) => key.ReadInto(owner, values));
        values.WarnUnknownKeys(Names(keys));
        return result;
    }

    /// <summary>The changes a group's block makes, in key order (only the keys written).</summary>
    public static IReadOnlyList<KeyOverride<TOwner>> ReadOverrides<TOwner>(IReadOnlyList<SettingKey<TOwner>> keys, ITriggerValues values)
    {
        var result = keys.Select(k => k.ReadOverride(values)).OfType<KeyOverride<TOwner>>().ToList();
        values.WarnUnknownKeys(Names(keys));
        return result;
    }

    public static TOwner Apply<TOwner>(IEnumerable<KeyOverride<TOwner>> overrides, TOwner owner) =>
        overrides.Aggregate(owner, (o, change) => change.Apply(o));

    public static void Validate<TOwner>(IEnumerable<SettingKey<TOwner>> keys, TOwner owner, string path, List<ConfigError> errors)
    {
        foreach (var key in keys.OrderBy(k => k.IsBlock)) key.Validate(owner, path, errors);
    }

    /// <summary>
    /// Checks only the keys a group writes, each on its own: a key it leaves out comes from the member, checked as a device.
    /// <paramref name="unset"/> is what an override applies to; a block key merges over its fallback when that is unset.
    /// </summary>
    public static void ValidateOverrides<TOwner>(IEnumerable<KeyOverride<TOwner>> overrides, TOwner unset, string path, List<ConfigError> errors)
    {
        foreach (var change in overrides.OrderBy(o => o.Key.IsBlock)) change.Key.Validate(change.Apply(unset), path, errors);
    }

    public static string[] Names<TOwner>(IEnumerable<SettingKey<TOwner>> keys) => [.. keys.Select(k => k.Name)];
}
