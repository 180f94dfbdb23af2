using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class DriverOptionsReader
{
    /// <summary>2, 3 and 4 all speak the same RPC API, so a Gen3 owner writing <c>generation = 3</c> is not wrong.</summary>
    private static readonly Dictionary<string, ShellyGeneration> ShellyGenerations = new()
    {
        ["auto"] = ShellyGeneration.Auto,
        ["1"] = ShellyGeneration.Gen1,
        ["2"] = ShellyGeneration.Gen2,
        ["3"] = ShellyGeneration.Gen2,
        ["4"] = ShellyGeneration.Gen2,
    };

    /// <summary>
    /// The shared validator knows nothing of Shelly, so the checks that need a fix in the message happen here,
    /// each at the path the value was written at.
    /// </summary>
    private static DriverOptions ReadShelly(HoconSection s, string? baseDirectory)
    {
        var host = s.RequiredString("host");
        var port = s.Int("port");
        var channel = s.Int("channel");
        var options = new ShellyOptions(
            Host: host,
            Port: port,
            Channel: channel,
            Generation: s.Enum("generation", ShellyGenerations),
            Username: s.OptionalString("username"),
            Password: PasswordResolver.Resolve(s, baseDirectory));

        if (host.Length == 0)
            s.Diag.Error(s.KeyPath("host"), "missing; set the Shelly's host name or address, e.g. host = \"192.168.1.50\"");
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            s.Find("host", out var hostPath);
            s.Diag.Error(hostPath, $"\"{host}\" is not a host name or address; write only the host, e.g. host = \"192.168.1.50\" " +
                                   "(no http://, no path; the port goes in port)");
        }
        if (port is < 1 or > 65535)
        {
            s.Find("port", out var portPath);
            s.Diag.Error(portPath, $"{port} is not a TCP port; use 1 to 65535 (Shelly devices serve HTTP on 80)");
        }
        if (channel is < 0 or > 255)
        {
            s.Find("channel", out var channelPath);
            s.Diag.Error(channelPath, $"{channel} is not a channel; use the relay/meter index starting at 0 (0 for a single-outlet plug)");
        }
        // A password key that failed to resolve has its own error already; only a truly absent one is reported here.
        if (options.Username is not null && options.Password is null && !s.Has("password") && !s.Has("password-file") && !s.Has("password-env"))
            s.Diag.Error(s.KeyPath("username"), "a username is set but no password; set password (or password-file / password-env)");
        return options;
    }
}
