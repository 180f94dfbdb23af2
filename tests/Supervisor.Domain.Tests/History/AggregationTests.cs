namespace Supervisor.Domain.Tests.History;

public class AggregationTests
{
    private const long M = 60_000; // one minute in ms

    [Theory]
    [InlineData(0, 300_000, 0)]
    [InlineData(299_999, 300_000, 0)]
    [InlineData(300_000, 300_000, 300_000)]
    [InlineData(-1, 300_000, -300_000)]
    [InlineData(-300_000, 300_000, -300_000)]
    public void Bucket_start_should_floor_to_the_width_also_before_1970(long time, long width, long start) =>
        Assert.Equal(start, Buckets.Start(time, width));

    [Fact]
    public void Covering_should_list_every_bucket_that_overlaps_the_window() =>
        Assert.Equal([0L, 300_000, 600_000], Buckets.Covering(1, 600_001, 300_000));

    [Fact]
    public void Five_minute_buckets_should_have_exact_min_max_avg_last_and_count_on_a_worked_example()
    {
        // 10:00, 10:01, 10:04 in the first bucket; 10:05, 10:09 in the second.
        var t = 10 * 60 * M;
        var rows = AggregateBuilder.Aggregate([(t, 50), (t + M, 40), (t + 4 * M, 60), (t + 5 * M, 10), (t + 9 * M, 20)], Buckets.FiveMinuteMs, counter: false);
        Assert.Equal(
            [new BucketAggregate(t, 40, 60, 50, 60, 3, null), new BucketAggregate(t + 5 * M, 10, 20, 15, 20, 2, null)],
            rows);
    }

    [Fact]
    public void Counter_should_sum_the_increase_from_the_value_before_the_bucket_and_survive_a_reset()
    {
        // kWh: 100.0 before the window; 100.5, 101.0 | reset to 0.2, 0.7.
        var rows = AggregateBuilder.Aggregate([(0, 100.5), (M, 101.0), (5 * M, 0.2), (6 * M, 0.7)], Buckets.FiveMinuteMs, counter: true, baseline: 100.0);
        Assert.Equal(1.0, rows[0].Sum!.Value, 9);
        Assert.Equal(0.2 + 0.5, rows[1].Sum!.Value, 9); // the reset counts from zero: 0.2, then +0.5
    }

    [Fact]
    public void Counter_without_baseline_should_start_counting_at_its_first_sample()
    {
        var rows = AggregateBuilder.Aggregate([(0, 7.0), (M, 7.5)], Buckets.FiveMinuteMs, counter: true);
        Assert.Equal(0.5, rows.Single().Sum!.Value, 9);
    }

    [Theory]
    [InlineData(1.0, 1.5, 0.5)]
    [InlineData(1.5, 1.5, 0.0)]
    [InlineData(9.0, 0.25, 0.25)]
    public void Counter_increase_should_treat_a_drop_as_a_reset_to_zero(double previous, double current, double increase) =>
        Assert.Equal(increase, Counters.Increase(previous, current), 9);

    [Fact]
    public void Samples_out_of_order_should_be_refused()
    {
        var b = new AggregateBuilder(Buckets.FiveMinuteMs, counter: false);
        b.Add(10 * M, 1);
        Assert.Throws<ArgumentException>(() => b.Add(0, 1));
    }

    [Fact]
    public void Rollup_of_five_minute_buckets_should_equal_aggregating_the_hour_directly()
    {
        var samples = Enumerable.Range(0, 60).Select(i => (i * M, Math.Round(Math.Sin(i) * 100, 3))).ToList();
        var fine = AggregateBuilder.Aggregate(samples, Buckets.FiveMinuteMs, counter: false);
        var direct = AggregateBuilder.Aggregate(samples, Buckets.HourMs, counter: false).Single();
        var rolled = AggregateBuilder.Rollup(0, fine);
        Assert.Equal(direct.Min, rolled.Min);
        Assert.Equal(direct.Max, rolled.Max);
        Assert.Equal(direct.Avg, rolled.Avg, 9);
        Assert.Equal(direct.Last, rolled.Last);
        Assert.Equal(direct.Count, rolled.Count);
    }
}
