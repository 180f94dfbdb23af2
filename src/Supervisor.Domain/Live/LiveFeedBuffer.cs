namespace Supervisor.Domain.Live;

/// <summary>
/// The live feed's memory: the last <c>capacity</c> frames, each with an id <c>epoch.sequence</c>, so a viewer that lost
/// its connection can send the last id it saw (SSE's <c>Last-Event-ID</c>) and get exactly what it missed. The epoch is
/// new each time a feed starts, so an id from before a restart, or from another node after a fail-over, is never taken
/// for one of this feed's: such a viewer (and one that was away longer than the buffer holds) starts again from a snapshot.
/// Pure; not thread-safe (one actor owns it).
/// </summary>
public sealed class LiveFeedBuffer<T>
{
    private readonly Queue<(long Sequence, T Frame)> _frames = new();
    private readonly int _capacity;
    private long _sequence;

    public LiveFeedBuffer(string epoch, int capacity)
    {
        if (epoch.Length == 0 || epoch.Contains('.')) throw new ArgumentException("an epoch is a non-empty word without dots", nameof(epoch));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Epoch = epoch;
        _capacity = capacity;
    }

    public string Epoch { get; }

    /// <summary>The id of the newest frame, or of "nothing yet" (<c>epoch.0</c>): a viewer that saw it missed nothing.</summary>
    public string LastId => IdOf(_sequence);

    /// <summary>Keeps <paramref name="frame"/> (forgetting the oldest when full) and returns its id.</summary>
    public string Append(T frame)
    {
        _frames.Enqueue((++_sequence, frame));
        if (_frames.Count > _capacity) _frames.Dequeue();
        return IdOf(_sequence);
    }

    /// <summary>
    /// The frames after <paramref name="lastId"/>, oldest first, with their ids; null when they cannot be given exactly
    /// (an id of another epoch, not an id at all, or older than the oldest frame kept): then the viewer needs a snapshot.
    /// </summary>
    public IReadOnlyList<(string Id, T Frame)>? After(string? lastId)
    {
        if (!TryParse(lastId, out var seen) || seen > _sequence) return null;
        var oldestKept = _frames.Count == 0 ? _sequence + 1 : _frames.Peek().Sequence;
        if (seen < oldestKept - 1) return null; // frames between seen and the oldest kept are gone
        return _frames.Where(f => f.Sequence > seen).Select(f => (IdOf(f.Sequence), f.Frame)).ToList();
    }

    private bool TryParse(string? id, out long sequence)
    {
        sequence = 0;
        if (id is null) return false;
        var dot = id.LastIndexOf('.');
        return dot > 0 && id.AsSpan(0, dot).SequenceEqual(Epoch) && long.TryParse(id.AsSpan(dot + 1), System.Globalization.NumberStyles.None, null, out sequence);
    }

    private string IdOf(long sequence) => $"{Epoch}.{sequence}";
}
