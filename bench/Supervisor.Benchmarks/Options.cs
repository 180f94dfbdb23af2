using System.Globalization;

namespace Supervisor.Benchmarks;

/// <summary>Tiny <c>--name value</c> parser: benchmarks have a handful of numeric knobs, no need for more.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = [];

    public Options(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument \"{name}\"; options look like --runs 5");
            _values[name[2..]] = e.MoveNext() ? e.Current : throw new ArgumentException($"{name} needs a value");
        }
    }

    public int Int(string name, int fallback) => Get(name, fallback, s => int.Parse(s, CultureInfo.InvariantCulture));
    public double Double(string name, double fallback) => Get(name, fallback, s => double.Parse(s, CultureInfo.InvariantCulture));
    public string String(string name, string fallback) => Get(name, fallback, s => s);

    private T Get<T>(string name, T fallback, Func<string, T> parse)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var v) ? parse(v) : fallback;
    }

    /// <summary>Call after reading every option: a misspelt one must not silently run the defaults.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
