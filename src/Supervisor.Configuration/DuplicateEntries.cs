using Supervisor.Domain.Configuration;
using Supervisor.Domain.Text;

namespace Supervisor.Configuration;

/// <summary>
/// HOCON merges two objects written under the same key, so a device or group id written twice — a copied block
/// whose id was not changed, or the same id in cluster.hocon and the node's file — silently becomes one entry with
/// keys from both. The merged config cannot show it; the parse of each file (<see cref="HoconPreflight"/>) noted
/// where every id is written, and this turns an id written more than once into a warning naming each place.
/// </summary>
public static class DuplicateEntries
{
    public static IReadOnlyList<ConfigError> Warnings(params SupervisorConfigLoader.ParsedFile[] files) =>
        files.SelectMany(f => f.Entries)
            .GroupBy(e => (e.Map, e.Id))
            .Where(g => g.Count() > 1)
            .Select(g => Warning(g.Key.Map, g.Key.Id, g.ToList()))
            .ToList();

    private static ConfigError Warning(string map, string id, IReadOnlyList<EntryLocation> places)
    {
        var (kind, path) = map == "devices" ? ("device", ConfigPath.Device(id)) : ("group", ConfigPath.Group(id));
        var where = string.Join(", ", places.Select(p => $"{ForeignText.Escape(p.File)}:{p.Line}"));
        return new ConfigError(path,
            $"{kind} \"{ForeignText.Escape(id)}\" is written {places.Count} times ({where}); HOCON merges them into one {kind}, key by key, the later " +
            $"winning — if they are meant to be different {kind}s, give each its own id; if not, keep one block");
    }
}
