using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Akka's parser resolves <c>${x}</c> to a reference to the value at x and never checks for cycles: reading
/// <c>a = ${b}, b = ${a}</c> (or <c>a { b = ${a} }</c>) later recurses until the stack overflows, which kills the
/// process (.NET cannot catch it). This walks the parsed value graph once, without recursion, before anything
/// reads it: a cycle, or a chain of substitutions and nesting deeper than <see cref="MaxHeight"/>, is an error.
/// </summary>
internal static class HoconCycleCheck
{
    /// <summary>Akka recurses once per level when it reads a value; far below what overflows, far above real configs.</summary>
    public const int MaxHeight = 256;

    private sealed class Frame(HoconValue value, string path, string? via)
    {
        public HoconValue Value { get; } = value;
        public string Path { get; } = path;

        /// <summary>The substitution that led here, e.g. <c>${a.b}</c>; null for a nested value.</summary>
        public string? Via { get; } = via;

        public IEnumerator<(HoconValue Child, string Path, string? Via)> Children { get; } = ChildrenOf(value, path).GetEnumerator();
        public int Height { get; set; } = 1;
    }

    /// <summary>The first cycle or over-deep chain, at the HOCON path where it starts; null when the document is safe to read.</summary>
    public static ConfigError? Check(HoconValue root)
    {
        var heights = new Dictionary<HoconValue, int>(ReferenceEqualityComparer.Instance);
        var onStack = new HashSet<HoconValue>(ReferenceEqualityComparer.Instance);
        var stack = new List<Frame> { new(root, "", null) };
        onStack.Add(root);
        while (stack.Count > 0)
        {
            var top = stack[^1];
            if (top.Children.MoveNext())
            {
                var (child, path, via) = top.Children.Current;
                if (onStack.Contains(child)) return Cycle(stack, child, via);
                if (heights.TryGetValue(child, out var known)) top.Height = Math.Max(top.Height, known + 1);
                else
                {
                    stack.Add(new Frame(child, path, via));
                    onStack.Add(child);
                }
                continue;
            }
            stack.RemoveAt(stack.Count - 1);
            onStack.Remove(top.Value);
            top.Children.Dispose();
            if (top.Height > MaxHeight)
                return new ConfigError(Name(top.Path),
                    $"nested or chained through substitutions more than {MaxHeight} levels deep; Akka's HOCON parser cannot read that safely — write plain values instead of long ${{…}} chains");
            heights[top.Value] = top.Height;
            if (stack.Count > 0) stack[^1].Height = Math.Max(stack[^1].Height, top.Height + 1);
        }
        return null;
    }

    private static IEnumerable<(HoconValue, string, string?)> ChildrenOf(HoconValue value, string path)
    {
        foreach (var element in value.Values)
            switch (element)
            {
                case HoconObject obj:
                    foreach (var (key, child) in obj.Items) yield return (child, Join(path, ConfigPath.Key(key)), null);
                    break;
                case HoconArray list:
                    for (var i = 0; i < list.Count; i++) yield return (list[i], $"{path}[{i}]", null);
                    break;
                case HoconSubstitution { ResolvedValue: { } target } sub:
                    yield return (target, sub.Path, $"${{{sub.Path}}}");
                    break;
            }
    }

    private static ConfigError Cycle(List<Frame> stack, HoconValue start, string? closingVia)
    {
        var from = stack.FindIndex(f => ReferenceEquals(f.Value, start));
        var hops = stack.Skip(from + 1).Select(f => f.Via).Append(closingVia).OfType<string>().ToList();
        var where = stack[Math.Max(from, 0)].Path;
        var chain = hops.Count == 0 ? "a value that contains itself" : string.Join(" → ", hops) + " → back to the start";
        return new ConfigError(Name(where),
            $"substitution cycle: {chain}; Akka's HOCON parser cannot resolve a value that refers to itself (it would crash) — replace one of these ${{…}} with a plain value");
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Name(string path) => path.Length == 0 ? "(the whole document)" : path;
}
