using Akka.Event;
using Supervisor.Node.Http.Auth;

namespace Supervisor.Node.Http;

/// <summary>
/// Writes every API mutation to the node's log (the same log as the actors', so it sits in the fleet's story in
/// order) with who did it: the key's name and role and the client's address.
/// </summary>
internal sealed class HttpAudit(ILoggingAdapter log)
{
    /// <summary>Logs <paramref name="what"/> and returns the "who" to hand on (e.g. as a test notification's requester).</summary>
    public string Mutation(HttpContext context, string what)
    {
        var who = $"API key {context.User.Identity?.Name} ({context.User.FindFirst(ApiKeyAuthentication.RoleClaim)?.Value}) from {context.Connection.RemoteIpAddress}";
        log.Warning("HTTP API: {0} requested by {1}", what, who);
        return who;
    }
}
