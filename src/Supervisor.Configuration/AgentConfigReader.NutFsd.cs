using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class AgentConfigReader
{
    /// <summary><c>type = nut-fsd</c>: <c>server = "host[:port]"</c> (3493 when no port), the password through the secret references.</summary>
    private static ActionSpec? ReadNutFsd(HoconSection s, string? baseDirectory)
    {
        var server = s.OptionalString("server");
        var (host, port) = (server ?? "", NutFsdSpec.DefaultPort);
        if (server is not null && server.Contains(':'))
        {
            if (HttpConfigReader.Split(server) is { } parsed) (host, port) = parsed;
            else s.Diag.Error(s.KeyPath("server"), $"\"{server}\" is not host or host:port; write e.g. server = \"nas-1.lan:3493\"");
        }
        return new NutFsdSpec(
            Host: host,
            Port: port,
            Ups: s.RequiredString("ups"),
            Username: s.RequiredString("username"),
            Password: SecretResolver.Resolve(s, baseDirectory, "password", "upsd password"),
            WaitForLogouts: s.Bool("wait-for-logouts"));
    }
}
