using System.Text.RegularExpressions;

namespace Supervisor.Domain.Configuration;

/// <summary>
/// <c>type = libvirt</c>: <c>virsh shutdown</c> the listed domains (none listed: every running one), poll their state
/// every <paramref name="PollEvery"/> until each is shut off, and <c>destroy</c> those still running at
/// <paramref name="ForceAfter"/> (null: never). Succeeded only when every domain is confirmed off.
/// </summary>
public sealed partial record LibvirtSpec(string Uri, IReadOnlyList<string> Domains, TimeSpan? ForceAfter, TimeSpan PollEvery) : ActionSpec
{
    public override string Type => "libvirt";

    public override string Describe()
    {
        var which = Domains.Count == 0 ? "every running domain" : string.Join(", ", Domains);
        var force = ForceAfter is { } f ? $", destroy after {ConfigSummary.FormatDuration(f)}" : "";
        return $"libvirt {Uri}: shut down {which}{force}";
    }

    public override IEnumerable<(string Key, string Problem)> Problems()
    {
        if (!UriShape().IsMatch(Uri))
            yield return ("uri", $"\"{Text.ForeignText.Escape(Uri)}\" is not a libvirt URI; write e.g. uri = \"qemu:///system\" or \"qemu+ssh://root@hv-1/system\"");
        if (PollEvery <= TimeSpan.Zero)
            yield return ("poll-every", "must be more than 0; write e.g. poll-every = 2s");
        for (var i = 0; i < Domains.Count; i++)
            if (DomainNameProblem(Domains[i]) is { } problem) yield return ($"domains[{i}]", problem);
        foreach (var twice in Domains.GroupBy(d => d).Where(g => g.Count() > 1))
            yield return ("domains", $"\"{Text.ForeignText.Escape(twice.Key)}\" is listed twice; keep one");
    }

    /// <summary>Why virsh could not be given this name (it is sent quoted on virsh's command line), or null.</summary>
    public static string? DomainNameProblem(string name) =>
        string.IsNullOrWhiteSpace(name) ? "empty domain name; remove it or write the name virsh list shows"
        : name.Any(char.IsControl) ? $"\"{Text.ForeignText.Escape(name)}\" contains a control character; write the name virsh list shows"
        : null;

    /// <summary>driver[+transport]://[user@host[:port]]/path[?params], e.g. qemu:///system, test:///default, qemu+ssh://root@hv/system.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(\+[A-Za-z0-9]+)?://[^\s/]*/\S*$")]
    private static partial Regex UriShape();
}
