using System.Globalization;
using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class DriverOptionsReader
{
    /// <summary>
    /// <c>driver = kasa</c>: host (required), port (9999 from supervisor.defaults.kasa), outlet (strips only).
    /// The checks live here rather than in the domain validator so each error points at the layer the value came from.
    /// </summary>
    private static DriverOptions ReadKasa(HoconSection s, string? baseDirectory)
    {
        var host = s.RequiredString("host");
        if (host.Length == 0)
            s.Diag.Error(s.KeyPath("host"), "missing; set the plug's host name or address, e.g. host = \"192.168.1.50\" (the Kasa app shows it under Device Info)");

        var port = s.Int("port");
        if (port is < 1 or > 65535)
        {
            s.Find("port", out var portPath);
            s.Diag.Error(portPath, $"{port} is not a TCP port; use 1 to 65535 (Kasa plugs listen on 9999)");
        }

        var outlet = s.OptionalString("outlet");
        if (outlet is not null && outlet.StartsWith('-') && int.TryParse(outlet, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            s.Find("outlet", out var outletPath);
            s.Diag.Error(outletPath, $"\"{outlet}\" is not an outlet; use the outlet index counted from 0 (outlet = 0 is the first) or the child id from get_sysinfo");
        }
        return new KasaOptions(host, port, outlet);
    }
}
