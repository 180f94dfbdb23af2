using System.Globalization;

namespace Supervisor.Drivers.Kasa;

/// <summary>The strip outlet a device is configured to read: its position and its sysinfo entry.</summary>
public sealed record KasaOutlet(int Index, KasaChild Child);

/// <summary>
/// Matches the configured <c>outlet</c> against a device's sysinfo and explains every mismatch in the operator's
/// terms (what to write in the config). Pure.
/// </summary>
public static class KasaOutlets
{
    /// <summary>
    /// Resolves <paramref name="outlet"/> (digits = index from 0, anything else = child id). Success with null means
    /// "a single plug, read the device itself". A strip without an outlet, or an outlet on a single plug, fails:
    /// guessing would silently watch the wrong load.
    /// </summary>
    public static KasaResult<KasaOutlet?> Resolve(string? outlet, KasaSysInfo info)
    {
        var kids = info.Children;
        var device = Describe(info);
        if (outlet is null)
            return kids.Count == 0
                ? KasaResult<KasaOutlet?>.Ok(null)
                : KasaResult<KasaOutlet?>.Fail(
                    $"{device} is a power strip with {kids.Count} outlets; set outlet = 0 to {kids.Count - 1} " +
                    $"(counted from 0) or a child id to choose which one to watch. {List(info)}");
        if (kids.Count == 0)
            return KasaResult<KasaOutlet?>.Fail(
                $"outlet = {outlet} is set, but {device} is not a power strip (its get_sysinfo lists no outlets); remove outlet");

        if (IndexOf(outlet) is { } index)
            return index < kids.Count
                ? KasaResult<KasaOutlet?>.Ok(new KasaOutlet(index, kids[index]))
                : KasaResult<KasaOutlet?>.Fail(
                    $"{device} has no outlet {index}: it has {kids.Count} outlets, 0 to {kids.Count - 1} (counted from 0). {List(info)}");

        for (var i = 0; i < kids.Count; i++)
            if (string.Equals(kids[i].Id, outlet, StringComparison.OrdinalIgnoreCase))
                return KasaResult<KasaOutlet?>.Ok(new KasaOutlet(i, kids[i]));
        return KasaResult<KasaOutlet?>.Fail(
            $"{device} has no outlet with id \"{outlet}\"; set outlet to an index 0 to {kids.Count - 1} or one of its child ids. {List(info)}");
    }

    /// <summary>Explains err_code -14 ("entry not exist") on a child request: the strip no longer knows the id.</summary>
    public static string UnknownChild(string outlet, string childId, KasaSysInfo info) =>
        $"{Describe(info)} answered \"entry not exist\" (err_code -14) for outlet {outlet} (child id {childId}); " +
        $"was the strip replaced or reset? {List(info)}";

    /// <summary>e.g. <c>HS300(US) "Rack strip"</c>; parts the device did not send are left out.</summary>
    public static string Describe(KasaSysInfo info)
    {
        var model = string.IsNullOrEmpty(info.Model) ? "the Kasa device" : info.Model;
        return string.IsNullOrEmpty(info.Alias) ? model : $"{model} {KasaReplyParser.Show(info.Alias)}";
    }

    /// <summary>"Its outlets: 0 = SIMHS30000 "Mock One", 1 = …" for messages; capped so garbage cannot flood the log.</summary>
    public static string List(KasaSysInfo info)
    {
        const int shown = 12; // real strips have at most 6 outlets
        var kids = info.Children;
        if (kids.Count == 0) return "It lists no outlets.";
        var listed = string.Join(", ", kids.Take(shown).Select((c, i) =>
            $"{i} = {ShowId(c.Id)}" + (string.IsNullOrEmpty(c.Alias) ? "" : $" {KasaReplyParser.Show(c.Alias)}")));
        return $"Its outlets: {listed}" + (kids.Count > shown ? $", … ({kids.Count - shown} more)" : "");
    }

    /// <summary>Real ids (hex) are shown bare, so they can be pasted into outlet = …; anything odd is quoted and escaped.</summary>
    private static string ShowId(string id) =>
        id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : KasaReplyParser.Show(id);

    private static int? IndexOf(string outlet) =>
        outlet.Length is > 0 and <= 3 && outlet.All(char.IsAsciiDigit)
            ? int.Parse(outlet, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;
}
