namespace Supervisor.Domain.History;

/// <summary>
/// One aggregate row: a bucket of one series. <see cref="Sum"/> is set for counters only (e.g. energy in kWh): the
/// increase within the bucket, counting from the last value before it, with counter resets tolerated.
/// </summary>
public sealed record BucketAggregate(long BucketStartMs, double Min, double Max, double Avg, double Last, long Count, double? Sum);

/// <summary>Counter arithmetic. Pure.</summary>
public static class Counters
{
    /// <summary>
    /// How much a counter grew from <paramref name="previous"/> to <paramref name="current"/>. A drop means the counter
    /// was reset (plug re-flashed, meter replaced, power-cycled without memory): it restarted from zero, so the growth
    /// since the reset is the current value itself.
    /// </summary>
    public static double Increase(double previous, double current) => current >= previous ? current - previous : current;
}

/// <summary>
/// Folds one series' samples, in time order, into bucket aggregates. Pure (no I/O); the store streams rows into it.
/// For a counter, pass the last value before the first bucket as <c>baseline</c> so the first bucket's increase is
/// counted from it; without one the first sample only starts the count.
/// </summary>
public sealed class AggregateBuilder
{
    private readonly long _widthMs;
    private readonly bool _counter;
    private readonly List<BucketAggregate> _done = [];
    private double? _previous;
    private long _bucket = long.MinValue;
    private double _min, _max, _total, _last, _sum;
    private long _count;

    public AggregateBuilder(long widthMs, bool counter, double? baseline = null)
    {
        _widthMs = widthMs;
        _counter = counter;
        _previous = baseline;
    }

    /// <summary>Adds one sample; samples must come in non-decreasing time order.</summary>
    public void Add(long timeMs, double value)
    {
        var bucket = Buckets.Start(timeMs, _widthMs);
        if (bucket < _bucket) throw new ArgumentException($"samples must come in time order (got {timeMs} after bucket {_bucket})", nameof(timeMs));
        if (bucket != _bucket) Close(bucket);
        if (_count == 0) { _min = value; _max = value; }
        else { _min = Math.Min(_min, value); _max = Math.Max(_max, value); }
        _total += value;
        _last = value;
        _count++;
        if (_counter && _previous is { } p) _sum += Counters.Increase(p, value);
        _previous = value;
    }

    /// <summary>Every bucket that received at least one sample, in time order.</summary>
    public IReadOnlyList<BucketAggregate> Finish()
    {
        Close(long.MaxValue);
        return _done;
    }

    private void Close(long next)
    {
        if (_count > 0) _done.Add(new(_bucket, _min, _max, _total / _count, _last, _count, _counter ? _sum : null));
        _bucket = next;
        _count = 0;
        _total = 0;
        _sum = 0;
    }

    /// <summary>Convenience for tests and small callers: aggregates a whole ordered sample list.</summary>
    public static IReadOnlyList<BucketAggregate> Aggregate(IEnumerable<(long TimeMs, double Value)> samples, long widthMs, bool counter, double? baseline = null)
    {
        var b = new AggregateBuilder(widthMs, counter, baseline);
        foreach (var (t, v) in samples) b.Add(t, v);
        return b.Finish();
    }

    /// <summary>
    /// Merges finer buckets (e.g. twelve 5-minute rows) into one coarser bucket starting at <paramref name="bucketStartMs"/>:
    /// min of mins, max of maxes, count-weighted mean, the latest bucket's last, summed counts and counter increases.
    /// Exact, because each finer row already counted its increase from the value before it.
    /// </summary>
    public static BucketAggregate Rollup(long bucketStartMs, IReadOnlyList<BucketAggregate> finerInOrder)
    {
        if (finerInOrder.Count == 0) throw new ArgumentException("nothing to roll up", nameof(finerInOrder));
        long count = 0;
        double total = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        double? sum = null;
        foreach (var f in finerInOrder)
        {
            count += f.Count;
            total += f.Avg * f.Count;
            min = Math.Min(min, f.Min);
            max = Math.Max(max, f.Max);
            if (f.Sum is { } s) sum = (sum ?? 0) + s;
        }
        return new(bucketStartMs, min, max, count == 0 ? 0 : total / count, finerInOrder[^1].Last, count, sum);
    }
}
