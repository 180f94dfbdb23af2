namespace Supervisor.Actions.Http;

/// <summary>
/// The step's time budget as a token: cancelled when <see cref="ActionRun.Timeout"/> passes or the agent stops.
/// <see cref="Why"/> says which, for the line that reports the unfinished work.
/// </summary>
internal sealed class ActionDeadline : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly CancellationToken _outer;
    private readonly TimeSpan _timeout;

    public ActionDeadline(ActionRun run, CancellationToken outer)
    {
        _outer = outer;
        _timeout = run.Timeout;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _cts.CancelAfter(run.Timeout);
    }

    public CancellationToken Token => _cts.Token;

    public string Why => _outer.IsCancellationRequested ? "the agent was stopping" : $"timed out after {_timeout.TotalSeconds:0.#}s";

    public void Dispose() => _cts.Dispose();
}

/// <summary>A fault of the remote API or the way to it, already worded for the user (no stack trace, no secret).</summary>
internal sealed class RemoteApiProblem(string message) : Exception(message);
