using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

internal static partial class AgentConfigReader
{
    /// <summary><c>type = docker</c>: the socket (or a TCP engine's <c>url</c> instead), the containers and the stop grace.</summary>
    private static ActionSpec? ReadDocker(HoconSection s, string? baseDirectory)
    {
        Uri? url = null;
        if (s.OptionalString("url") is { } text)
        {
            url = NotificationConfigReader.Url(s, "url", text, "http://docker-host:2375");
            if (url is null) return null;
            if (s.HasOwn("socket"))
            {
                s.Diag.Error(s.Path, "set only one of socket (a local engine) or url (a TCP engine)");
                return null;
            }
        }
        var containers = s.StringList("containers", "[web, db]") ?? [];
        return new DockerSpec(s.String("socket"), url, containers, s.Int("time"));
    }
}
