using System.Net;

namespace Supervisor.Domain.Configuration;

/// <summary>Whether a host name or address only reaches this machine: the one rule for cluster links and the HTTP API.</summary>
public static class LoopbackHost
{
    /// <summary>127.0.0.0/8, ::1 (bracketed or not), "localhost" and "*.localhost"; 0.0.0.0 binds every interface, so it is not.</summary>
    public static bool Is(string host)
    {
        var h = host.Trim().TrimStart('[').TrimEnd(']');
        if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase) || h.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip);
    }
}
