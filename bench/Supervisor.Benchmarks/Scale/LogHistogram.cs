namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// Lock-free log-bucketed histogram of milliseconds (2 % wide buckets from 1 µs to ~17 min), safe to record from
/// many threads: the MeterListener callback runs on whichever actor thread recorded. Percentiles report the
/// bucket's upper edge, so they err high by at most 2 %; the max is exact.
/// </summary>
public sealed class LogHistogram
{
    private const double Growth = 1.02;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[1100];
    private long _count;
    private long _maxBits = BitConverter.DoubleToInt64Bits(0);

    public long Count => Interlocked.Read(ref _count);
    public double Max => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _maxBits));

    public void Record(double ms)
    {
        var us = ms * 1000;
        var index = us < 1 ? 0 : Math.Min(_buckets.Length - 1, 1 + (int)(Math.Log(us) / LogGrowth));
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        long seen;
        while (ms > BitConverter.Int64BitsToDouble(seen = Interlocked.Read(ref _maxBits)))
            if (Interlocked.CompareExchange(ref _maxBits, BitConverter.DoubleToInt64Bits(ms), seen) == seen) break;
    }

    /// <summary>Milliseconds at or below which <paramref name="p"/> (0–1) of the values fall; NaN when empty.</summary>
    public double Percentile(double p)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank) return Math.Min(Max, UpperEdgeMs(i));
        }
        return Max;
    }

    /// <summary>
    /// The non-empty buckets and the max, for shipping a node's histogram to the parent as JSON. Buckets are the same
    /// everywhere, so histograms of several nodes merge exactly by adding counts (percentiles of the union, not
    /// averages of percentiles).
    /// </summary>
    public Counts Export()
    {
        var buckets = new Dictionary<int, long>();
        for (var i = 0; i < _buckets.Length; i++)
            if (Interlocked.Read(ref _buckets[i]) is var n and > 0) buckets[i] = n;
        return new Counts(buckets, Max);
    }

    public static LogHistogram Merge(IEnumerable<Counts> parts)
    {
        var merged = new LogHistogram();
        foreach (var part in parts)
        {
            foreach (var (i, n) in part.Buckets)
            {
                merged._buckets[i] += n;
                merged._count += n;
            }
            if (part.Max > merged.Max) merged._maxBits = BitConverter.DoubleToInt64Bits(part.Max);
        }
        return merged;
    }

    public sealed record Counts(Dictionary<int, long> Buckets, double Max);

    private static double UpperEdgeMs(int index) => index == 0 ? 0.001 : Math.Pow(Growth, index) / 1000;
}
