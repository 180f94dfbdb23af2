using Akka.Event;
using Supervisor.Domain.Events;
using Supervisor.Node.Http.Auth;

namespace Supervisor.Node.Http;

/// <summary>
/// Writes every API mutation to the node's log (the same log as the actors', so it sits in the fleet's story in
/// order) and to the event log as a <see cref="MutationRequested"/> (published on the node's event stream like every
/// fact: the history store keeps it, <c>GET /api/v1/events</c> and <c>supervisor events</c> show it), with who did it:
/// the key's or user's name and role and the client's address.
/// </summary>
internal sealed class HttpAudit(ILoggingAdapter log, EventStream events, string node, TimeProvider clock)
{
    /// <summary>
    /// This node, as the subject of a change that is about no one device or saga: a test notification, or an alert's ack or
    /// silence (whose target may be a device, a group, a rule or a glob; the message names it).
    /// </summary>
    public EventSubject Here => new(SubjectKind.Node, node);

    /// <summary>Records <paramref name="what"/> and returns the "who" to hand on (the journal's <c>by</c>, a test notification's requester).</summary>
    /// <param name="action">The event's kind suffix: <c>alert-ack</c>, <c>saga-abort</c>, …</param>
    public string Mutation(HttpContext context, string action, string what, EventSubject about)
    {
        var by = $"{ApiKeyAuthentication.KindOf(context.User)} {context.User.Identity?.Name}";
        var role = context.User.FindFirst(ApiKeyAuthentication.RoleClaim)?.Value ?? "none";
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var who = $"{by} ({role}) from {client}";
        log.Warning("HTTP API: {0} requested by {1}", what, who);
        events.Publish(new MutationRequested(action, what, about, by, role, client, node, Guid.NewGuid().ToString("N"), clock.GetUtcNow()));
        return who;
    }

    /// <summary>A refused password login: the name tried and the address, never the password.</summary>
    public void FailedLogin(HttpContext context, string user) =>
        log.Warning("HTTP API: failed login for user \"{0}\" from {1}", user, context.Connection.RemoteIpAddress);
}
