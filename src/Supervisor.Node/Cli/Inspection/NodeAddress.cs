using System.Globalization;
using System.Text.RegularExpressions;
using Supervisor.Domain.Text;
using Supervisor.Node.Hosting;
using Supervisor.Domain;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// A node address as the CLI takes it: <c>host:port</c> (the scheme then follows --tls-config) or a full
/// <c>akka.tcp://supervisor@host:port</c> / <c>akka.ssl.tcp://supervisor@host:port</c>. Anything else is refused with
/// the accepted forms, before any connection: Akka's own parser accepts <c>akka.tcp://supervisor</c> without host or port,
/// and any scheme at all.
/// </summary>
public sealed partial record NodeAddress(string Scheme, string Host, int Port)
{
    public override string ToString() => $"{Scheme}://{ClusterNames.SystemName}@{Host}:{Port}";

    public bool UsesTls => Scheme == TlsConfiguration.TlsScheme;

    public static string AcceptedForms(bool tls) =>
        $"write host:port (e.g. 127.0.0.1:4053, [::1]:4053) or {TlsConfiguration.Scheme(tls)}://{ClusterNames.SystemName}@host:port";

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<system>[^@/]*)@(?<rest>.*)$")]
    private static partial Regex Full();

    [GeneratedRegex(@"^(\[(?<v6>[0-9A-Fa-f:.]+)\]|(?<host>[A-Za-z0-9_.\-]+)):(?<port>\d{1,5})$")]
    private static partial Regex HostPort();

    /// <summary>The address, or null and the reason (with the accepted forms) in <paramref name="error"/>.</summary>
    /// <param name="tls">--tls-config turns TLS on: host:port then means akka.ssl.tcp.</param>
    public static NodeAddress? Parse(string text, bool tls, out string error)
    {
        var shown = ForeignText.Escape(text);
        var full = Full().Match(text);
        var scheme = TlsConfiguration.Scheme(tls);
        var rest = text;
        if (full.Success)
        {
            scheme = full.Groups["scheme"].Value;
            if (scheme is not (TlsConfiguration.PlainScheme or TlsConfiguration.TlsScheme))
                return Fail(out error, $"\"{shown}\" is not a node address: the scheme {ForeignText.Escape(scheme)}:// is neither {TlsConfiguration.PlainScheme} nor {TlsConfiguration.TlsScheme}; {AcceptedForms(tls)}");
            if (full.Groups["system"].Value != ClusterNames.SystemName)
                return Fail(out error, $"\"{shown}\" names actor system \"{ForeignText.Escape(full.Groups["system"].Value)}\"; Supervisor nodes are \"{ClusterNames.SystemName}\" — {AcceptedForms(tls)}");
            rest = full.Groups["rest"].Value;
        }
        else if (text.Contains("://", StringComparison.Ordinal))
            return Fail(out error, $"\"{shown}\" is not a node address: it has no {ClusterNames.SystemName}@host:port after the scheme; {AcceptedForms(tls)}");

        var hostPort = HostPort().Match(rest);
        if (!hostPort.Success)
            return Fail(out error, $"\"{shown}\" is not a node address: {(rest.Length == 0 ? "the host and port are missing" : "expected host:port")}; {AcceptedForms(tls)}");
        var port = int.Parse(hostPort.Groups["port"].Value, CultureInfo.InvariantCulture);
        if (port is < 1 or > 65535)
            return Fail(out error, $"\"{shown}\": {port} is not a TCP port (1–65535); {AcceptedForms(tls)}");
        var host = hostPort.Groups["v6"].Success ? hostPort.Groups["v6"].Value : hostPort.Groups["host"].Value;
        error = "";
        return new NodeAddress(scheme, host, port);
    }

    private static NodeAddress? Fail(out string error, string message)
    {
        error = message;
        return null;
    }
}
