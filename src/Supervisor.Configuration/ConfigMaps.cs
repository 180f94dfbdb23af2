using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>The shapes every reader shares: maps of id → object, and words naming enum values.</summary>
internal static class ConfigMaps
{
    /// <summary>
    /// The entries of a map of id → object (devices, groups, an agent's actions), in file order. One that is not an object
    /// is reported at <paramref name="pathOf"/>(id) with <paramref name="exampleBody"/> as the fix, and skipped.
    /// </summary>
    public static IEnumerable<(string Id, HoconObject Value)> ObjectEntries(HoconObject? map, ConfigDiagnostics diag, Func<string, string> pathOf, string exampleBody)
    {
        if (map is null) yield break;
        foreach (var (id, value) in map.Items)
        {
            if (value.IsObject())
                yield return (id, value.GetObject());
            else
                diag.Error(pathOf(id), $"must be an object, not {HoconSection.Describe(value)}; write e.g. {ConfigPath.Key(id)} {{ {exampleBody} }}");
        }
    }

    /// <summary>
    /// Each value of <typeparamref name="T"/> (but <paramref name="except"/>) by its name in lower case, as a config file
    /// writes it (PostgreSql: postgresql), in declaration order: the order "use one of …" lists them.
    /// </summary>
    public static IReadOnlyDictionary<string, T> LowerCaseNames<T>(params T[] except) where T : struct, Enum =>
        Enum.GetValues<T>().Where(v => !except.Contains(v)).ToDictionary(v => v.ToString().ToLowerInvariant());
}
