namespace Supervisor.Node.Cli.Init;

/// <summary>A <c>host[:port]</c> option value (<c>[::1]:3493</c> for IPv6), with the protocol's default port.</summary>
internal sealed record HostPort(string Host, int Port)
{
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The parsed value, or an error naming the option and the form it wants.</summary>
    public static (HostPort? Value, string? Error) Parse(string option, string text, int defaultPort)
    {
        var t = text.Trim();
        string host;
        string? port = null;
        if (t.StartsWith('['))
        {
            var close = t.IndexOf(']');
            if (close < 0) return (null, $"{option} {text}: missing ']' after the IPv6 address; write e.g. {option} [::1]:{defaultPort}");
            host = t[1..close];
            if (close + 1 < t.Length)
            {
                if (t[close + 1] != ':') return (null, $"{option} {text}: expected ':' and a port after ']'");
                port = t[(close + 2)..];
            }
        }
        else if (t.Count(c => c == ':') == 1)
            (host, port) = (t[..t.IndexOf(':')], t[(t.IndexOf(':') + 1)..]);
        else host = t;
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return (null, $"{option} {text}: not a host name or address; write e.g. {option} 192.168.1.10 or {option} 192.168.1.10:{defaultPort}");
        if (port is null) return (new HostPort(host, defaultPort), null);
        if (!int.TryParse(port, out var p) || p is < 1 or > 65535)
            return (null, $"{option} {text}: \"{port}\" is not a TCP port; use 1 to 65535 (default {defaultPort})");
        return (new HostPort(host, p), null);
    }
}
