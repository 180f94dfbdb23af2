namespace Supervisor.Drivers.Network;

/// <summary>
/// The connection a driver keeps across polls: opened on first use, closed after any failure (its protocol state is
/// unknown then) so the next poll opens a fresh one, and on dispose.
/// </summary>
internal sealed class KeptConnection<T> where T : class, IDisposable
{
    private T? _current;

    /// <summary>The open connection, or null before the first poll and after a failure.</summary>
    public T? Current => Volatile.Read(ref _current);

    public async Task<T> GetAsync(Func<Task<T>> open) => Current ?? (_current = await open().ConfigureAwait(false));

    /// <summary>Closes it; safe to call twice and from dispose while a failed poll closes it too.</summary>
    public void Close() => Interlocked.Exchange(ref _current, null)?.Dispose();
}
