using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class DriverOptionsReader
{
    /// <summary>
    /// <c>driver = apcupsd</c>: host (required) and port. Checked here rather than in SettingsValidator so the
    /// driver stays one file: a missing host or impossible port is reported at its HOCON path like any bad value.
    /// </summary>
    private static DriverOptions ReadApcupsd(HoconSection s, string? baseDirectory)
    {
        var host = s.RequiredString("host");
        // A host that is there but unreadable (a list, an object) was reported already; only report a missing one.
        if (host.Length == 0 && (s.Find("host", out _) is not { } given || given.IsString()))
            s.Diag.Error(s.KeyPath("host"), "missing; set the host running apcupsd (NETSERVER on), e.g. host = \"127.0.0.1\"");
        var port = s.Int("port");
        if (port is < 1 or > 65535)
        {
            s.Find("port", out var path);
            s.Diag.Error(path, $"{port} is not a TCP port; use 1 to 65535 (apcupsd's NISPORT, 3551 by default)");
        }
        return new ApcupsdOptions(host, port);
    }
}
