using System.Globalization;
using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// One config entry (a device, group, step, …) read through its default layers: the entry's own object first,
/// then e.g. <c>supervisor.defaults.device</c>. Every getter converts bad input into a <see cref="ConfigError"/>
/// at the path of the layer the value came from and returns the caller's fallback, so reading never throws
/// and goes on to find the next mistake.
/// </summary>
internal sealed partial class HoconSection
{
    private static readonly string[] OffWords = ["off", "false", "no"];
    private readonly IReadOnlyList<(HoconObject Obj, string Path)> _layers;

    public HoconSection(string path, HoconObject? own, ConfigDiagnostics diag, params (HoconObject? Obj, string Path)[] defaults)
    {
        Path = path;
        Own = own;
        Diag = diag;
        var layers = new List<(HoconObject, string)>();
        if (own is not null) layers.Add((own, path));
        layers.AddRange(defaults.Where(d => d.Obj is not null).Select(d => (d.Obj!, d.Path)));
        _layers = layers;
    }

    /// <summary>The HOCON path of this entry, e.g. <c>supervisor.devices.ups-a</c>.</summary>
    public string Path { get; }

    /// <summary>The entry's own keys (without defaults); null for a section that exists only in defaults.</summary>
    public HoconObject? Own { get; }

    public ConfigDiagnostics Diag { get; }

    public string KeyPath(string key) => $"{Path}.{ConfigPath.Key(key)}";

    /// <summary>The winning value for <paramref name="key"/> and the path it was written at, or null when no layer has it.</summary>
    public HoconValue? Find(string key, out string path)
    {
        foreach (var (obj, layerPath) in _layers)
            if (obj.Items.TryGetValue(key, out var value))
            {
                path = $"{layerPath}.{ConfigPath.Key(key)}";
                return value;
            }
        path = KeyPath(key);
        return null;
    }

    public bool Has(string key) => Find(key, out _) is not null;

    /// <summary>A scalar string; null when missing, <c>null</c> or empty. Objects and lists are reported.</summary>
    public string? OptionalString(string key)
    {
        var v = Find(key, out var path);
        if (v is null) return null;
        if (!v.IsString())
        {
            Diag.Error(path, $"must be a single value, not {Describe(v)}; write e.g. {key} = some-value");
            return null;
        }
        var s = v.GetString()?.Trim();
        return string.IsNullOrEmpty(s) ? null : s;
    }

    /// <summary>A required string; "" when missing (the validator reports it with a fix).</summary>
    public string RequiredString(string key) => OptionalString(key) ?? "";

    public TimeSpan Duration(string key, TimeSpan fallback) => ReadDuration(key, []) ?? fallback;

    /// <summary>A duration, or null when missing or written as one of <paramref name="unsetWords"/> (e.g. off, auto).</summary>
    public TimeSpan? OptionalDuration(string key, params string[] unsetWords) => ReadDuration(key, unsetWords);

    /// <summary>A duration or <c>off</c> (null).</summary>
    public TimeSpan? DurationOrOff(string key) => ReadDuration(key, OffWords);

    public bool Bool(string key, bool fallback)
    {
        var (text, path) = Scalar(key);
        if (text is null) return fallback;
        switch (text.ToLowerInvariant())
        {
            case "on" or "true" or "yes": return true;
            case "off" or "false" or "no": return false;
            default:
                Diag.Error(path, $"\"{text}\" is not on/off; write {key} = on or {key} = off");
                return fallback;
        }
    }

    public int Int(string key, int fallback)
    {
        var (text, path) = Scalar(key);
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        Diag.Error(path, $"\"{text}\" is not a whole number; write e.g. {key} = {fallback}");
        return fallback;
    }

    /// <summary>A number (a trailing % is allowed for percentages).</summary>
    public double Number(string key, double fallback) => ReadNumber(key, allowOff: false) ?? fallback;

    /// <summary>A number or <c>off</c> (null).</summary>
    public double? NumberOrOff(string key) => ReadNumber(key, allowOff: true);

    /// <summary>One of <paramref name="names"/> (kebab-case words mapped to values).</summary>
    public T Enum<T>(string key, T fallback, IReadOnlyDictionary<string, T> names)
    {
        var (text, path) = Scalar(key);
        if (text is null) return fallback;
        if (names.TryGetValue(text.ToLowerInvariant(), out var value)) return value;
        Diag.Error(path, $"unknown value \"{text}\"; use one of {string.Join(", ", names.Keys)}");
        return fallback;
    }

    /// <summary>A list of strings; null when missing. A non-list or a non-string item is reported.</summary>
    public IReadOnlyList<string>? StringList(string key, string example)
    {
        var items = Array(key, example);
        if (items is null) return null;
        var result = new List<string>();
        Find(key, out var path);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].IsString()) result.Add(items[i].GetString() ?? "");
            else Diag.Error($"{path}[{i}]", $"must be a single value, not {Describe(items[i])}; write e.g. {key} = {example}");
        }
        return result;
    }

    /// <summary>A list value; null when missing, empty for <c>[]</c>. A non-list is reported.</summary>
    public IList<HoconValue>? Array(string key, string example)
    {
        var v = Find(key, out var path);
        if (v is null) return null;
        if (v.IsArray()) return v.GetArray();
        // Akka parses `[]` (and `null`) as an empty value rather than an empty array.
        if (!v.IsObject() && string.IsNullOrEmpty(v.GetString())) return [];
        Diag.Error(path, $"must be a list, not {Describe(v)}; write e.g. {key} = {example}");
        return null;
    }

    /// <summary>
    /// The nested object <paramref name="key"/> with the same layering (own child over each default's child).
    /// Null when the winning value is not an object; a layer with a non-object value hides the layers below it.
    /// </summary>
    public HoconSection? Child(string key)
    {
        var layers = new List<(HoconObject?, string)>();
        foreach (var (obj, layerPath) in _layers)
        {
            if (!obj.Items.TryGetValue(key, out var v)) continue;
            if (!v.IsObject()) break;
            layers.Add((v.GetObject(), $"{layerPath}.{ConfigPath.Key(key)}"));
        }
        if (layers.Count == 0) return null;
        var ownChild = Own is not null && Own.Items.TryGetValue(key, out var o) && o.IsObject() ? o.GetObject() : null;
        var defaults = (ownChild is null ? layers : layers.Skip(1)).ToArray();
        return new HoconSection(KeyPath(key), ownChild, Diag, defaults);
    }

    /// <summary>Warns about every key the entry itself has that is not in <paramref name="known"/> (a likely typo).</summary>
    public void WarnUnknownKeys(IReadOnlyCollection<string> known)
    {
        if (Own is null) return;
        foreach (var key in Own.Items.Keys.Where(k => !known.Contains(k)))
        {
            var guess = known.MinBy(k => Distance(k, key));
            var hint = guess is not null && Distance(guess, key) <= 3 ? $"; did you mean {guess}?" : $"; known keys: {string.Join(", ", known)}";
            Diag.Warn(KeyPath(key), $"unknown key \"{key}\" is ignored{hint}");
        }
    }

    /// <summary>What a HOCON value is, for messages.</summary>
    public static string Describe(HoconValue v) =>
        v.IsObject() ? "an object { … }" : v.IsArray() ? "a list [ … ]" : $"\"{v.GetString()}\"";
}
