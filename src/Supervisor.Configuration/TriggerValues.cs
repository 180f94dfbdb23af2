using Akka.Configuration.Hocon;
using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Configuration;

/// <summary>
/// A device's <c>triggers { … }</c> as the trigger keys read it: every key has a value (the entry's, a default layer's,
/// or reference.conf's), read with the defaulted getters; a key missing everywhere is a missing default (a bug).
/// </summary>
internal sealed class DefaultedTriggerValues(HoconSection s) : ITriggerValues
{
    public bool Has(string key) => true;
    public bool? Bool(string key) => s.Bool(key);
    public double? Number(string key) => s.Number(key);
    public TimeSpan? Duration(string key) => s.Duration(key);
    public double? NumberOrOff(string key) => s.NumberOrOff(key);
    public TimeSpan? DurationOrOff(string key) => s.DurationOrOff(key);
    public void WarnUnknownKeys(IReadOnlyCollection<string> known) => s.WarnUnknownKeys(known);

    /// <summary>An unreadable value is reported and goes on with reference.conf's block (the load fails anyway).</summary>
    public TriggerBlock Block(string key, string example) =>
        TriggerValueShapes.IsOffOrReported(s, key, example) ? new(true, null) : new(false, new DefaultedTriggerValues(s.DefaultedChild(key)));
}

/// <summary>
/// A group's <c>triggers { … }</c>: only the keys written count, so none has a default; every getter is optional and an
/// unreadable value (reported) overrides nothing.
/// </summary>
internal sealed class WrittenTriggerValues(HoconSection s) : ITriggerValues
{
    public bool Has(string key) => s.Has(key);
    public bool? Bool(string key) => s.OptionalBool(key);
    public double? Number(string key) => s.OptionalNumber(key);
    public TimeSpan? Duration(string key) => s.OptionalDuration(key);
    public double? NumberOrOff(string key) => s.NumberOrOff(key);
    public TimeSpan? DurationOrOff(string key) => s.DurationOrOff(key);
    public void WarnUnknownKeys(IReadOnlyCollection<string> known) => s.WarnUnknownKeys(known);

    public TriggerBlock Block(string key, string example)
    {
        if (!s.Has(key)) return new(false, null);
        if (TriggerValueShapes.IsOffOrReported(s, key, example)) return new(true, null);
        return s.Child(key) is { } child ? new(false, new WrittenTriggerValues(child)) : new(false, null);
    }
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
