namespace Supervisor.Domain.Events;

/// <summary>
/// Someone asked, through the HTTP API, for a change (an ack, a silence, a maintenance window, a test notification, a saga
/// abort): who (the key's or user's name, its role, the client's address), what, and on which node. Published when the
/// request is made, before it is carried out, so a refused or failed request is on record too; what came of it is told
/// by the change's own event (the maintenance start, the saga's abort). Never carries a secret: the key's name, not the key.
/// </summary>
/// <param name="Action">Dotted kind suffix: <c>alert-ack</c>, <c>saga-abort</c>, …</param>
/// <param name="What">One line: "abort of saga rack-a-1".</param>
/// <param name="About">What the change is about (the device, the saga, the node for a test notification).</param>
/// <param name="By">"API key ops" or "user alice".</param>
/// <param name="Role">viewer, operator or admin.</param>
/// <param name="Client">The client's IP address as the node saw it.</param>
/// <param name="Node">The node that took the request.</param>
/// <param name="RequestId">Unique per request, so two equal requests in one millisecond are two events.</param>
public sealed record MutationRequested(
    string Action, string What, EventSubject About, string By, string Role, string Client, string Node, string RequestId, DateTimeOffset At)
    : FleetEvent(At)
{
    public override string Id => $"audit-{Node}:{RequestId}";
    public override string Kind => "audit." + Action;
    public override EventSeverity Severity => EventSeverity.Info;
    public override EventSubject Subject => About;
    public override string Message => $"{What} requested by {By} ({Role}) from {Client} via the HTTP API";
}
