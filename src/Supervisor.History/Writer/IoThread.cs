using System.Collections.Concurrent;

namespace Supervisor.History.Writer;

/// <summary>
/// One dedicated background thread that runs the writer's database work, one job at a time. Why not the thread pool:
/// a SQLite call blocked on a lock (up to the busy timeout) or an unreachable server would pin a pool thread, and Akka's
/// dispatchers run on that pool; here only this thread waits. Jobs return tasks, which the actor pipes to itself.
/// </summary>
internal sealed class IoThread : IDisposable
{
    private readonly BlockingCollection<Action> _jobs = new();
    private readonly Thread _thread;

    public IoThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _jobs.Add(() =>
            {
                try { done.SetResult(work()); }
                catch (Exception e) { done.SetException(e); }
            });
        }
        catch (InvalidOperationException)
        {
            done.SetException(new ObjectDisposedException(nameof(IoThread), "the history writer is stopping"));
        }
        return done.Task;
    }

    private void Loop()
    {
        foreach (var job in _jobs.GetConsumingEnumerable()) job();
    }

    /// <summary>Lets queued jobs finish (a last flush, closing the connection), then ends the thread; waits at most <paramref name="timeout"/>.</summary>
    public bool Stop(TimeSpan timeout)
    {
        _jobs.CompleteAdding();
        return _thread.Join(timeout);
    }

    public void Dispose()
    {
        if (!_jobs.IsAddingCompleted) _jobs.CompleteAdding();
    }
}
