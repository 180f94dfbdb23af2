using System.Text;

namespace Supervisor.Domain.Configuration.Init;

/// <summary>
/// Ids for a written config: lower-case letters, digits and '-', unique. A name comes from a device (a NUT UPS name,
/// a plug's host) and may hold anything, so it is reduced to what reads well in HOCON paths and logs without quotes.
/// </summary>
public sealed class ConfigIds
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary><paramref name="name"/> as an id (<paramref name="fallback"/> when nothing usable is left), made unique with -2, -3, …</summary>
    public string Next(string name, string fallback)
    {
        var id = Plain(name);
        if (id.Length == 0) id = fallback;
        var unique = id;
        for (var n = 2; !_taken.Add(unique); n++) unique = $"{id}-{n}";
        return unique;
    }

    /// <summary>Lower case; every run of other characters becomes one '-'; no '-' at either end.</summary>
    public static string Plain(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}
