using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// One config entry (a device, group, step, …) read through its default layers: the entry's own object first,
/// then e.g. <c>supervisor.defaults.device</c>. Every getter converts bad input into a <see cref="ConfigError"/>
/// at the path of the layer the value came from and goes on, so one load finds every mistake. Defaults come from
/// the layers alone, which end in reference.conf (HoconSection.Defaults.cs); no getter carries a default of its own.
/// </summary>
internal sealed partial class HoconSection
{
    private static readonly string[] OffWords = ["off", "false", "no"];
    private readonly IReadOnlyList<(HoconObject Obj, string Path)> _layers;

    public HoconSection(string path, HoconObject? own, ConfigDiagnostics diag, params IEnumerable<(HoconObject? Obj, string Path)> defaults)
    {
        Path = path;
        Own = own;
        Diag = diag;
        var layers = new List<(HoconObject, string)>();
        if (own is not null) layers.Add((own, path));
        var all = defaults.ToList();
        layers.AddRange(all.Where(d => d.Obj is not null).Select(d => (d.Obj!, d.Path)));
        _layers = layers;
        ReferencePaths = [path, .. all.Select(d => d.Path)];
    }

    /// <summary>
    /// Where reference.conf may hold this entry's defaults: the path of every layer, also of one that is missing or
    /// hidden (a non-object value above it ends <see cref="Child"/>'s layers). Read by <see cref="ReferenceTwin"/>.
    /// </summary>
    private IReadOnlyList<string> ReferencePaths { get; init; }

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

    /// <summary>Whether the entry itself (not a default layer) writes <paramref name="key"/>.</summary>
    public bool HasOwn(string key) => Own is not null && Own.Items.ContainsKey(key);

    /// <summary>This entry's default layers alone, without its own keys: for defaults that an entry cannot set itself.</summary>
    public HoconSection DefaultsOnly() => new(Path, null, Diag, [.. _layers.Skip(Own is null ? 0 : 1)]) { ReferencePaths = ReferencePaths };

    /// <summary>This entry with <paramref name="lower"/>'s layers below its own: e.g. a register over the register defaults.</summary>
    public HoconSection Over(HoconSection lower) =>
        new(Path, Own, Diag, [.. _layers.Skip(Own is null ? 0 : 1), .. lower._layers]) { ReferencePaths = [.. ReferencePaths, .. lower.ReferencePaths] };

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
        return new HoconSection(KeyPath(key), ownChild, Diag, defaults) { ReferencePaths = [.. ReferencePaths.Select(p => $"{p}.{ConfigPath.Key(key)}")] };
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
