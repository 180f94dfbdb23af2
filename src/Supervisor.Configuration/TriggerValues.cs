using Akka.Configuration.Hocon;
using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Configuration;

/// <summary>
/// A device's <c>triggers { … }</c> as the trigger keys read it: every key has a value (the entry's, a default layer's,
/// or reference.conf's), read with the defaulted getters; a key missing everywhere is a missing default (a bug).
/// </summary>
internal sealed class DefaultedTriggerValues(HoconSection section) : TriggerValues(section)
{
    public override bool Has(string key) => true;
    public override bool? Bool(string key) => Section.Bool(key);
    public override double? Number(string key) => Section.Number(key);
    public override TimeSpan? Duration(string key) => Section.Duration(key);

    /// <summary>An unreadable value is reported and goes on with reference.conf's block (the load fails anyway).</summary>
    public override TriggerBlock Block(string key, string example) =>
        TriggerValueShapes.IsOffOrReported(Section, key, example) ? new(true, null) : new(false, new DefaultedTriggerValues(Section.DefaultedChild(key)));
}

/// <summary>
/// A group's <c>triggers { … }</c>: only the keys written count, so none has a default; every getter is optional and an
/// unreadable value (reported) overrides nothing.
/// </summary>
internal sealed class WrittenTriggerValues(HoconSection section) : TriggerValues(section)
{
    public override bool Has(string key) => Section.Has(key);
    public override bool? Bool(string key) => Section.OptionalBool(key);
    public override double? Number(string key) => Section.OptionalNumber(key);
    public override TimeSpan? Duration(string key) => Section.OptionalDuration(key);

    public override TriggerBlock Block(string key, string example)
    {
        if (!Section.Has(key)) return new(false, null);
        if (TriggerValueShapes.IsOffOrReported(Section, key, example)) return new(true, null);
        return Section.Child(key) is { } child ? new(false, new WrittenTriggerValues(child)) : new(false, null);
    }
}

/// <summary>
/// What both ways of reading a triggers block share: a value that may be off is read the same (off, or the value
/// written), and so are unknown keys; only whether a key has a default differs.
/// </summary>
internal abstract class TriggerValues(HoconSection section) : ITriggerValues
{
    protected HoconSection Section => section;

    public abstract bool Has(string key);
    public abstract bool? Bool(string key);
    public abstract double? Number(string key);
    public abstract TimeSpan? Duration(string key);
    public abstract TriggerBlock Block(string key, string example);
    public double? NumberOrOff(string key) => section.NumberOrOff(key);
    public TimeSpan? DurationOrOff(string key) => section.DurationOrOff(key);
    public void WarnUnknownKeys(IReadOnlyCollection<string> known) => section.WarnUnknownKeys(known);
}

internal static class TriggerValueShapes
{
    private static readonly string[] OffWords = ["off", "false", "no"];

    /// <summary>
    /// True when <paramref name="key"/> is written as off. Any other value that is no object is reported, with the fix
    /// <paramref name="example"/>, and answers false (<see cref="HoconSection.Child"/> then has no object to give).
    /// </summary>
    public static bool IsOffOrReported(HoconSection s, string key, string example)
    {
        var value = s.Find(key, out var path);
        if (value is null || value.IsObject()) return false;
        var text = value.IsString() ? value.GetString()?.Trim().ToLowerInvariant() : null;
        if (text is not null && OffWords.Contains(text)) return true;
        s.Diag.Error(path, $"must be off or an object, not {HoconSection.Describe(value)}; write e.g. {example}");
        return false;
    }
}
