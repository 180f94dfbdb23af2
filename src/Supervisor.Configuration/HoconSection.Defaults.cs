using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Configuration.Hocon;

namespace Supervisor.Configuration;

/// <summary>
/// The getters, in two kinds. A defaulted getter (<see cref="Duration"/>, <see cref="Int"/>, …) takes its value from the
/// entry or one of its default layers, the lowest of which is reference.conf: the default is written there once, as
/// Akka's own settings classes read their config, never again here. A key missing from every layer is therefore a
/// programming error (a reader took a default that reference.conf does not give) and throws
/// <see cref="MissingDefaultException"/> naming the key. An optional getter (<c>Optional…</c>) answers null when the key
/// is nowhere: for keys that have no default by design.
/// A value that cannot be read is reported at its path; a defaulted getter then goes on with reference.conf's value
/// (so one mistake is one error, not a second one about a made-up value), an optional getter with null.
/// </summary>
internal sealed partial class HoconSection
{
    public TimeSpan Duration(string key) => Defaulted(key, s => s.ReadDuration(key, []));

    /// <summary>A duration or <c>off</c> (null). A bad value is reported and counts as off.</summary>
    public TimeSpan? DurationOrOff(string key) => Present(key).ReadDuration(key, OffWords);

    public bool Bool(string key) => Defaulted(key, s => s.ReadBool(key));

    public int Int(string key) => Defaulted(key, s => s.ReadInt(key, () => ReferenceText(key)));

    /// <summary>A number (a trailing % is allowed for percentages).</summary>
    public double Number(string key) => Defaulted(key, s => s.ReadNumber(key, allowOff: false));

    /// <summary>A number or <c>off</c> (null). A bad value is reported and counts as off.</summary>
    public double? NumberOrOff(string key) => Present(key).ReadNumber(key, allowOff: true);

    /// <summary>One of <paramref name="names"/> (kebab-case words mapped to values).</summary>
    public T Enum<T>(string key, IReadOnlyDictionary<string, T> names) where T : struct => Defaulted(key, s => s.ReadEnum(key, names));

    /// <summary>A string; written empty, it is reference.conf's value (an empty file name means "the usual one").</summary>
    public string String(string key) =>
        Present(key).OptionalString(key) ?? ReferenceTwin().Present(key).OptionalString(key) ?? throw new MissingDefaultException(KeyPath(key), LayerPaths);

    /// <summary>The nested object <paramref name="key"/>; when the entry's own value is not an object (reported by the caller), reference.conf's.</summary>
    public HoconSection DefaultedChild(string key) =>
        Child(key) ?? ReferenceTwin().Child(key) ?? throw new MissingDefaultException(KeyPath(key), LayerPaths);

    /// <summary>A duration, or null when missing, unreadable or written as one of <paramref name="unsetWords"/> (e.g. off, auto).</summary>
    public TimeSpan? OptionalDuration(string key, params string[] unsetWords) => ReadDuration(key, unsetWords);

    public bool? OptionalBool(string key) => ReadBool(key);

    /// <param name="example">Shown in the message for a value that is not a whole number.</param>
    public int? OptionalInt(string key, string example) => ReadInt(key, () => example);

    /// <summary>A number; null when missing or unreadable.</summary>
    public double? OptionalNumber(string key) => ReadNumber(key, allowOff: false);

    /// <summary>A number or <c>off</c>; null when missing, off or unreadable.</summary>
    public double? OptionalNumberOrOff(string key) => ReadNumber(key, allowOff: true);

    public T? OptionalEnum<T>(string key, IReadOnlyDictionary<string, T> names) where T : struct => ReadEnum(key, names);

    private T Defaulted<T>(string key, Func<HoconSection, T?> read) where T : struct =>
        read(Present(key)) ?? read(ReferenceTwin().Present(key)) ?? throw new MissingDefaultException(KeyPath(key), LayerPaths);

    /// <summary>
    /// This section when a layer has <paramref name="key"/>, else its reference twin: a layer that is not an object (a
    /// user's <c>depletion = off</c> in defaults under a device's <c>depletion { rate = 10 }</c>) hides the ones below it.
    /// </summary>
    private HoconSection Present(string key)
    {
        if (Find(key, out _) is not null) return this;
        var twin = ReferenceTwin();
        return twin.Find(key, out _) is not null ? twin : throw new MissingDefaultException(KeyPath(key), LayerPaths);
    }

    private IEnumerable<string> LayerPaths => _layers.Select(l => l.Path);

    /// <summary>reference.conf's text for <paramref name="key"/>, for "write e.g." hints.</summary>
    private string ReferenceText(string key) => ReferenceTwin().Find(key, out _)?.GetString() ?? "";

    /// <summary>
    /// The same layers read from reference.conf alone: the entry's own layer drops out (reference.conf has no devices),
    /// a default layer or a top-level section (<c>supervisor.stats</c>) is reference.conf's, before the user changed it.
    /// </summary>
    public HoconSection ReferenceTwin() =>
        new(Path, null, new ConfigDiagnostics(), [.. ReferencePaths.Select(p => (ReferenceObject(p), p))]) { ReferencePaths = ReferencePaths };

    /// <summary>Paths of entries (ids, list items) can hold anything; reference.conf's paths are plain kebab-case words.</summary>
    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)*$")]
    private static partial Regex PlainPath();

    private static HoconObject? ReferenceObject(string path)
    {
        if (!PlainPath().IsMatch(path)) return null;
        var value = SupervisorConfigLoader.ReferenceConfig.GetValue(path);
        return value is not null && value.IsObject() ? value.GetObject() : null;
    }

    private bool? ReadBool(string key)
    {
        var (text, path) = Scalar(key);
        if (text is null) return null;
        switch (text.ToLowerInvariant())
        {
            case "on" or "true" or "yes": return true;
            case "off" or "false" or "no": return false;
            default:
                Diag.Error(path, $"\"{text}\" is not on/off; write {key} = on or {key} = off");
                return null;
        }
    }

    private int? ReadInt(string key, Func<string> example)
    {
        var (text, path) = Scalar(key);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        Diag.Error(path, $"\"{text}\" is not a whole number; write e.g. {key} = {example()}");
        return null;
    }

    private T? ReadEnum<T>(string key, IReadOnlyDictionary<string, T> names) where T : struct
    {
        var (text, path) = Scalar(key);
        if (text is null) return null;
        if (names.TryGetValue(text.ToLowerInvariant(), out var value)) return value;
        Diag.Error(path, $"unknown value \"{text}\"; use one of {string.Join(", ", names.Keys)}");
        return null;
    }
}

/// <summary>A reader took a default for a key that no layer gives: reference.conf lacks it. A bug, never a user's mistake.</summary>
internal sealed class MissingDefaultException(string keyPath, IEnumerable<string> layers)
    : InvalidOperationException($"{keyPath} has no value in any layer ({string.Join(", ", layers)}); " +
                                "a key read with a default needs that default in src/Supervisor.Configuration/reference.conf")
{
    public string KeyPath { get; } = keyPath;
}
