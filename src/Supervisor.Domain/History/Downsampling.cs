namespace Supervisor.Domain.History;

/// <summary>
/// One point of a series answer: a raw sample (min = max = avg = last, count 1) or a bucket. <see cref="Sum"/> is the
/// counter increase for counters, else null.
/// </summary>
public sealed record SeriesPoint(DateTimeOffset Time, double Min, double Max, double Avg, double Last, long Count, double? Sum = null)
{
    public static SeriesPoint Raw(DateTimeOffset time, double value) => new(time, value, value, value, value, 1);

    public static SeriesPoint From(BucketAggregate a) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(a.BucketStartMs), a.Min, a.Max, a.Avg, a.Last, a.Count, a.Sum);
}

/// <summary>Reduces a series to at most N points for a chart or a table. Pure.</summary>
public static class Downsampling
{
    /// <summary>
    /// Splits [<paramref name="from"/>, <paramref name="to"/>) into <paramref name="maxPoints"/> equal slots and merges the
    /// points in each (min of mins, max of maxes, count-weighted avg, the slot's last, summed counts and increases). Empty
    /// slots give no point, so a gap stays a gap. A point is stamped with the time of its first input, so an answer with
    /// no more than N points comes back unchanged. Points outside the window are dropped. Input must be in time order.
    /// </summary>
    public static IReadOnlyList<SeriesPoint> Downsample(IReadOnlyList<SeriesPoint> points, DateTimeOffset from, DateTimeOffset to, int maxPoints)
    {
        if (maxPoints < 1) throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, "ask for at least one point");
        var inside = points.Where(p => p.Time >= from && p.Time < to).ToList();
        if (inside.Count <= maxPoints) return inside;
        var slots = new SlotMerger(from, to, maxPoints);
        foreach (var p in inside) slots.Add(p);
        return slots.Finish();
    }

    /// <summary>
    /// The width of one slot in whole milliseconds: the window split into <paramref name="maxPoints"/>, rounded up. The
    /// store uses the same number when it downsamples raw rows in SQL, so both give the same slots.
    /// </summary>
    public static long SlotMs(DateTimeOffset from, DateTimeOffset to, int maxPoints)
    {
        var windowMs = Math.Max(0, to.ToUnixTimeMilliseconds() - from.ToUnixTimeMilliseconds());
        return Math.Max(1, (windowMs + maxPoints - 1) / maxPoints);
    }
}
