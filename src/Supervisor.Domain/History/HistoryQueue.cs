using Supervisor.Domain.Events;

namespace Supervisor.Domain.History;

/// <summary>
/// The history writer's bounded buffer of facts waiting to be written. Holds at most <see cref="Capacity"/> facts. When
/// full it drops the <b>oldest sample</b> (a <see cref="DeviceSampled"/> or <see cref="GroupSampled"/>) and counts it;
/// events (<see cref="FleetEvent"/>) are dropped only when no sample is left to drop. Batches take events first.
/// Not thread-safe: one actor owns it.
/// </summary>
public sealed class HistoryQueue
{
    private readonly LinkedList<IFleetFact> _samples = new();
    private readonly LinkedList<FleetEvent> _events = new();

    public HistoryQueue(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1");
        Capacity = capacity;
    }

    public int Capacity { get; }
    public int Count => _samples.Count + _events.Count;
    public int SampleCount => _samples.Count;
    public int EventCount => _events.Count;

    /// <summary>Samples dropped because the queue was full, since start.</summary>
    public long DroppedSamples { get; private set; }

    /// <summary>Events dropped because the queue was full of events alone, since start.</summary>
    public long DroppedEvents { get; private set; }

    /// <summary>Adds a fact; returns false when it (or an older one) had to be dropped to keep the bound.</summary>
    public bool Enqueue(IFleetFact fact)
    {
        if (fact is FleetEvent e) _events.AddLast(e);
        else _samples.AddLast(fact);
        return Trim();
    }

    /// <summary>Takes up to <paramref name="max"/> facts: the oldest events first, then the oldest samples.</summary>
    public IReadOnlyList<IFleetFact> Take(int max)
    {
        var batch = new List<IFleetFact>(Math.Min(max, Count));
        while (batch.Count < max && _events.First is { } e) { batch.Add(e.Value); _events.RemoveFirst(); }
        while (batch.Count < max && _samples.First is { } s) { batch.Add(s.Value); _samples.RemoveFirst(); }
        return batch;
    }

    /// <summary>
    /// Puts a batch that could not be written back in front, in its order, so it is retried first. If that overfills the
    /// queue the oldest samples go, which are the batch's own. Returns false when something was dropped.
    /// </summary>
    public bool PutBack(IReadOnlyList<IFleetFact> batch)
    {
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (batch[i] is FleetEvent e) _events.AddFirst(e);
            else _samples.AddFirst(batch[i]);
        }
        return Trim();
    }

    private bool Trim()
    {
        var kept = true;
        while (Count > Capacity)
        {
            kept = false;
            if (_samples.Count > 0) { _samples.RemoveFirst(); DroppedSamples++; }
            else { _events.RemoveFirst(); DroppedEvents++; }
        }
        return kept;
    }
}
