using Akka.Actor;

namespace Supervisor.Node.Http.Api;

/// <summary>
/// The API's one way into the cluster: the same <see cref="InspectorActor"/> the CLI asks, with the same messages, so
/// every route answers what the matching CLI verb prints. An inspector that cannot answer (no supervisor reachable)
/// is a 503 with its reason; no answer at all is a 504.
/// </summary>
internal sealed class InspectorGateway(IActorRef inspector)
{
    /// <summary>The inspector answers within its own 4 s (+1 s for a hop to a supervisor node); this allows for both.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IResult> Answer<T>(object request, Func<T, IResult> ok, CancellationToken ct, TimeSpan? timeout = null)
    {
        object answer;
        try
        {
            answer = await inspector.Ask<object>(request, timeout ?? Timeout, ct);
        }
        catch (AskTimeoutException)
        {
            return Problems.Of(504, "no answer", $"the node's inspector did not answer within {(timeout ?? Timeout).TotalSeconds:0}s; is the node overloaded or shutting down?");
        }
        return answer switch
        {
            T view => ok(view),
            InspectionFailed failed => Problems.Of(503, "cannot answer now", failed.Message),
            _ => Problems.Of(500, "unexpected answer", $"the inspector answered {answer.GetType().Name}; this is a bug, please report it"),
        };
    }
}
