namespace Supervisor.Domain.Tests.History;

/// <summary>Invariants of aggregation, downsampling and the writer's queue over random input.</summary>
public class HistoryPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ordered samples: (gap in seconds since the previous one, value), over a few hours.</summary>
    private static Gen<(long, double)[]> OrderedSamples() =>
        Gen.Choose(1, 400).SelectMany(n =>
            Gen.Zip(Gen.Choose(0, 120), Gen.Choose(-1000, 1000)).ArrayOf(n).Select(steps =>
            {
                long t = 0;
                return steps.Select(s => { t += s.Item1 * 1000L; return (t, s.Item2 / 4.0); }).ToArray();
            }));

    [Property(MaxTest = 200)]
    public Property Rollup_of_five_minute_buckets_should_equal_direct_hourly_aggregation_also_for_counters() =>
        Prop.ForAll(OrderedSamples().ToArbitrary(), Gen.Choose(0, 50).ToArbitrary(), (samples, baseline) =>
        {
            var fine = AggregateBuilder.Aggregate(samples, Buckets.FiveMinuteMs, counter: true, baseline);
            var direct = AggregateBuilder.Aggregate(samples, Buckets.HourMs, counter: true, baseline);
            var rolled = fine.GroupBy(f => Buckets.Start(f.BucketStartMs, Buckets.HourMs)).Select(g => AggregateBuilder.Rollup(g.Key, g.ToList())).ToList();
            return direct.Count == rolled.Count && direct.Zip(rolled).All(p =>
                p.First.BucketStartMs == p.Second.BucketStartMs && p.First.Min == p.Second.Min && p.First.Max == p.Second.Max
                && p.First.Last == p.Second.Last && p.First.Count == p.Second.Count
                && Math.Abs(p.First.Avg - p.Second.Avg) < 1e-6 && Math.Abs(p.First.Sum!.Value - p.Second.Sum!.Value) < 1e-6);
        });

    [Property(MaxTest = 200)]
    public Property Counter_increases_should_never_be_negative_and_add_up_to_the_whole_windows_increase() =>
        Prop.ForAll(OrderedSamples().ToArbitrary(), samples =>
        {
            var counter = samples.Select(s => (s.Item1, Math.Abs(s.Item2))).ToArray();
            var rows = AggregateBuilder.Aggregate(counter, Buckets.FiveMinuteMs, counter: true);
            var whole = counter.Zip(counter.Skip(1)).Sum(p => Counters.Increase(p.First.Item2, p.Second.Item2));
            return rows.All(r => r.Sum >= 0) && Math.Abs(rows.Sum(r => r.Sum!.Value) - whole) < 1e-6;
        });

    [Property(MaxTest = 200)]
    public Property Downsampling_should_keep_at_most_n_points_and_preserve_extremes_count_mean_and_last() =>
        Prop.ForAll(OrderedSamples().ToArbitrary(), Gen.Choose(1, 50).ToArbitrary(), (samples, n) =>
        {
            var points = samples.GroupBy(s => s.Item1).Select(g => SeriesPoint.Raw(T0.AddMilliseconds(g.Key), g.First().Item2)).ToList();
            var to = points[^1].Time.AddSeconds(1);
            var down = Downsampling.Downsample(points, T0, to, n);
            var mean = points.Average(p => p.Avg);
            var downMean = down.Sum(p => p.Avg * p.Count) / down.Sum(p => p.Count);
            return down.Count <= n && down.Min(p => p.Min) == points.Min(p => p.Min) && down.Max(p => p.Max) == points.Max(p => p.Max)
                   && down.Sum(p => p.Count) == points.Count && Math.Abs(mean - downMean) < 1e-6 && down[^1].Last == points[^1].Last
                   && down.Zip(down.Skip(1)).All(p => p.First.Time < p.Second.Time)
                   && (points.Count > n || down.SequenceEqual(points));
        });

    public sealed record QueueOp(bool IsEvent, int Take, bool FailTaken);

    [Property(MaxTest = 300)]
    public Property Queue_should_keep_its_bound_count_every_drop_and_drop_events_only_when_no_sample_is_left() =>
        Prop.ForAll(Gen.Choose(1, 20).ToArbitrary(),
            (from isEvent in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
             from take in Gen.Choose(0, 6)
             from fail in Gen.Elements(true, false)
             select new QueueOp(isEvent, take, fail)).ArrayOf().ToArbitrary(),
            (capacity, ops) =>
            {
                var q = new HistoryQueue(capacity);
                long added = 0, written = 0, seq = 0;
                foreach (var op in ops)
                {
                    var samplesBefore = q.SampleCount;
                    var eventsDroppedBefore = q.DroppedEvents;
                    IFleetFact fact = op.IsEvent
                        ? new ConfigWarningRaised("n", "p", "x", T0.AddSeconds(seq++))
                        : new DeviceSampled("d", "sim", null, DeviceHealth.Unknown, "", null, T0.AddSeconds(seq++));
                    q.Enqueue(fact);
                    added++;
                    // An event may only be lost when the queue held no sample to give up instead.
                    if (q.DroppedEvents > eventsDroppedBefore && samplesBefore > 0 && !op.IsEvent) return false;
                    if (q.Count > capacity) return false;
                    var batch = q.Take(op.Take);
                    if (batch.Any(f => f is FleetEvent) && batch.SkipWhile(f => f is FleetEvent).Any(f => f is FleetEvent)) return false; // events first
                    if (op.FailTaken) q.PutBack(batch);
                    else written += batch.Count;
                    if (q.Count > capacity) return false;
                }
                return added == written + q.Count + q.DroppedSamples + q.DroppedEvents;
            });
}
