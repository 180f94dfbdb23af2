using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class AgentConfigReader
{
    /// <summary><c>type = libvirt</c>: uri, domains, force-after, poll-every (defaults in supervisor.defaults.actions.libvirt).</summary>
    private static ActionSpec? ReadLibvirt(HoconSection s, string? baseDirectory)
    {
        var spec = new LibvirtSpec(
            Uri: s.String("uri"),
            Domains: s.StringList("domains", "[vm-1, vm-2]") ?? [],
            ForceAfter: s.DurationOrOff("force-after"),
            PollEvery: s.Duration("poll-every"));
        // The timeout was read (and any mistake in it reported) by ReadAction; reading it again reports nothing new.
        var timeout = s.Duration("timeout");
        if (spec.ForceAfter is { } force && force >= timeout)
            s.Diag.Warn(s.KeyPath("force-after"), $"{ConfigSummary.FormatDuration(force)} is not shorter than the action's timeout ({ConfigSummary.FormatDuration(timeout)}), so nothing is ever destroyed; lower force-after or raise timeout");
        return spec;
    }
}
