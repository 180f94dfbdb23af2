using Microsoft.Extensions.Time.Testing;
using static Supervisor.History.Tests.Support.Facts;

namespace Supervisor.History.Tests.Store;

/// <summary>The query API on both backends: series by tier with downsampling, event paging and filters, the 24 h report.</summary>
public abstract class HistoryQueryContract(IBackendSource backends) : IDisposable
{
    public void Dispose() => backends.Dispose();

    private async Task<(HistoryWriter Writer, HistoryQuery Query, FakeTimeProvider Clock)> StoreAsync(DateTimeOffset now)
    {
        var b = await backends.NewAsync();
        b.Prepare(now);
        var clock = new FakeTimeProvider(now);
        return (new HistoryWriter(b), new HistoryQuery(b, HistoryRetention.Default, clock), clock);
    }

    [Fact]
    public async Task Series_should_come_from_raw_within_the_raw_retention_and_be_downsampled_to_n_points()
    {
        var now = T0.AddHours(2);
        var (w, q, _) = await StoreAsync(now);
        using var _ = w;
        w.Write(Enumerable.Range(0, 3600).Select(i => (IFleetFact)Device("ups-a", T0.AddSeconds(i), charge: i % 100)).ToList());

        var all = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-a", "charge", T0, T0.AddHours(1), MaxPoints: 5000));
        Assert.Equal(HistoryTier.Raw, all.Tier);
        Assert.Equal("%", all.Unit);
        Assert.Equal(3600, all.Points.Count);

        var sixty = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-a", "charge", T0, T0.AddHours(1), MaxPoints: 60));
        Assert.Equal(HistoryTier.Raw, sixty.Tier); // 12 five-minute buckets would be fewer than the 60 points asked for
        Assert.Equal(60, sixty.Points.Count);
        Assert.All(sixty.Points, p => Assert.Equal(60, p.Count));
        Assert.Equal(0, sixty.Points[0].Min);
        Assert.Equal(59, sixty.Points[0].Max);
        Assert.Equal(29.5, sixty.Points[0].Avg, 9);
        Assert.Equal(99, sixty.Points.Max(p => p.Max));
    }

    [Theory]
    [InlineData(19)] // the 90-minute window has 18 five-minute buckets: fewer points than that would come from that tier
    [InlineData(100)]
    [InlineData(333)]
    public async Task Raw_series_downsampled_in_the_database_should_equal_the_domain_downsampling_of_the_same_samples(int maxPoints)
    {
        var now = T0.AddHours(3);
        var (w, q, _) = await StoreAsync(now);
        using var _ = w;
        var random = new Random(42);
        var samples = new List<SeriesPoint>();
        var t = T0;
        for (var i = 0; i < 2000; i++)
        {
            t = t.AddMilliseconds(random.Next(1, 5000)); // irregular polls, never two in one millisecond
            samples.Add(SeriesPoint.Raw(t, Math.Round(random.NextDouble() * 500, 3)));
        }
        w.Write(samples.Select(p => (IFleetFact)Device("ups-a", p.Time, power: p.Avg)).ToList());
        var from = T0.AddMinutes(10);
        var to = T0.AddMinutes(100);

        var answer = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-a", "power", from, to, maxPoints));
        var expected = Downsampling.Downsample(samples, from, to, maxPoints);
        Assert.Equal(HistoryTier.Raw, answer.Tier);
        Assert.Equal(expected.Count, answer.Points.Count);
        foreach (var (e, a) in expected.Zip(answer.Points))
        {
            Assert.Equal(e with { Avg = 0 }, a with { Avg = 0 });
            Assert.Equal(e.Avg, a.Avg, 6);
        }
    }

    [Fact]
    public async Task Raw_series_downsampled_should_give_the_worked_example_exactly()
    {
        var (w, q, _) = await StoreAsync(T0.AddMinutes(1));
        using var _ = w;
        // Window [T0, T0 + 15 s) in 3 slots of 5 s. Outside it: one sample before, one at To. The third slot is empty.
        (int Second, double Power)[] polls = [(-1, 99), (0, 1.5), (1, 4.25), (2, 0.1), (6, 0.2), (7, 0.1), (9, 7), (15, 99)];
        w.Write(polls.Select(p => (IFleetFact)Device("ups-a", T0.AddSeconds(p.Second), power: p.Power)).ToList());

        var answer = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-a", "power", T0, T0.AddSeconds(15), MaxPoints: 3));

        Assert.Equal(HistoryTier.Raw, answer.Tier);
        // Each slot stamped with its first sample; the avg added up in time order, so equal to the last bit.
        Assert.Equal([
            new SeriesPoint(T0, 0.1, 4.25, (1.5 + 4.25 + 0.1) / 3, 0.1, 3),
            new SeriesPoint(T0.AddSeconds(6), 0.1, 7, (0.2 + 0.1 + 7) / 3, 7, 3),
        ], answer.Points);
    }

    [Fact]
    public async Task Raw_series_downsampled_should_equal_the_domain_downsampling_to_the_bit()
    {
        var (w, q, _) = await StoreAsync(T0.AddHours(3));
        using var _ = w;
        var random = new Random(7);
        var samples = Enumerable.Range(0, 3000).Select(i => SeriesPoint.Raw(T0.AddSeconds(i * 2 + random.Next(0, 2)), random.NextDouble() * 1000)).ToList();
        w.Write(samples.Select(p => (IFleetFact)Device("ups-a", p.Time, power: p.Avg)).ToList());

        var answer = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-a", "power", T0.AddMinutes(3), T0.AddMinutes(97), MaxPoints: 250));

        Assert.Equal(Downsampling.Downsample(samples, T0.AddMinutes(3), T0.AddMinutes(97), 250), answer.Points);
    }

    [Fact]
    public async Task Series_should_come_from_five_minute_buckets_past_the_raw_retention_and_hourly_past_theirs()
    {
        var now = T0.AddHours(1);
        var (w, q, clock) = await StoreAsync(now);
        using var _ = w;
        w.Write(Enumerable.Range(0, 60).Select(i => (IFleetFact)Device("ups-a", T0.AddMinutes(i), power: i)).ToList());
        StoreProbe.Maintain(w, now);

        clock.SetUtcNow(T0.AddDays(3)); // raw no longer covers T0 (48 h)
        var five = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-a", "power", T0, T0.AddHours(1), MaxPoints: 100));
        Assert.Equal(HistoryTier.FiveMinute, five.Tier);
        Assert.Equal(12, five.Points.Count);
        Assert.Equal(new SeriesPoint(T0, 0, 4, 2, 4, 5), five.Points[0]);

        clock.SetUtcNow(T0.AddDays(120)); // past the 5-minute retention
        var hourly = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-a", "power", T0.AddMinutes(30), T0.AddHours(1), MaxPoints: 100));
        Assert.Equal(HistoryTier.Hourly, hourly.Tier);
        Assert.Equal(new SeriesPoint(T0, 0, 59, 29.5, 59, 60), hourly.Points.Single()); // the bucket holding From is included
    }

    [Fact]
    public async Task Metrics_of_a_subject_should_list_what_its_samples_stored_with_units()
    {
        var (w, q, _) = await StoreAsync(T0);
        using var _ = w;
        w.Write([Device("ups-a", T0, charge: 80)]);
        var metrics = await q.MetricsOfAsync(SeriesSubjectKind.Device, "ups-a");
        Assert.Contains(("charge", "%"), metrics);
        Assert.Equal(metrics.OrderBy(m => m.Metric, StringComparer.Ordinal), metrics);
        Assert.Empty(await q.MetricsOfAsync(SeriesSubjectKind.Group, "ups-a"));
    }

    [Fact]
    public async Task Series_of_an_unknown_metric_should_be_empty_without_unit()
    {
        var (w, q, _) = await StoreAsync(T0);
        using var _ = w;
        var answer = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "nope", "charge", T0.AddHours(-1), T0));
        Assert.Null(answer.Unit);
        Assert.Empty(answer.Points);
    }

    [Fact]
    public async Task Event_pages_should_be_gapless_and_free_of_duplicates_when_many_events_share_a_time()
    {
        var (w, q, _) = await StoreAsync(T0);
        using var _ = w;
        // 250 events on 25 distinct milliseconds: the cursor must break ties by id.
        var events = Enumerable.Range(0, 250).Select(i => (IFleetFact)Saga($"s{i % 3}", "rack-a", i, T0.AddMilliseconds(i / 10))).ToList();
        w.Write(events);

        var seen = new List<StoredEvent>();
        EventCursor? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var p = await q.EventsAsync(new EventFilter(), cursor, limit: 7);
            if (p.Events.Count == 0) break;
            seen.AddRange(p.Events);
            cursor = p.Next;
        }
        Assert.Equal(250, seen.Count);
        Assert.Equal(250, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(events.Cast<FleetEvent>().Select(e => e.Id).Order(StringComparer.Ordinal), seen.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(seen.OrderBy(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id), seen.Select(e => e.Id));

        // --follow: after the last cursor only what came later.
        w.Write([Warning("later-1", T0.AddSeconds(5)), Warning("later-2", T0.AddSeconds(6))]);
        var follow = await q.EventsAsync(new EventFilter(), cursor, limit: 100);
        Assert.Equal(["later-1", "later-2"], follow.Events.Select(e => e.SubjectId));
        Assert.Equal(follow.Next, (await q.EventsAsync(new EventFilter(), follow.Next)).Next); // nothing newer: cursor stays

        var back = await q.EventsAsync(new EventFilter(), null, limit: 3, newestFirst: true);
        Assert.Equal(["later-2", "later-1"], back.Events.Take(2).Select(e => e.SubjectId));
        var older = await q.EventsAsync(new EventFilter(), back.Next, limit: 1, newestFirst: true);
        Assert.Equal(seen[^2].Id, older.Events.Single().Id);
    }

    [Fact]
    public async Task Events_should_filter_by_device_group_saga_kind_severity_and_time()
    {
        var (w, q, _) = await StoreAsync(T0);
        using var _ = w;
        w.Write([
            Health("ups-a", DeviceHealth.Critical, T0), Health("ups-b", DeviceHealth.Degraded, T0.AddSeconds(1)),
            GroupEpisodeChanged.From(new EpisodeStarted("rack-a", 1, "s1", "quorum lost", T0.AddSeconds(1.5)), sequenceNr: 1),
            Saga("s1", "rack-a", 1, T0.AddSeconds(2)), Saga("s2", "rack-b", 1, T0.AddSeconds(3), EventSeverity.Critical),
            Warning("supervisor.x", T0.AddSeconds(4)),
        ]);
        async Task<string[]> Ids(EventFilter f) => (await q.EventsAsync(f)).Events.Select(e => e.SubjectId).ToArray();

        Assert.Equal(["ups-a"], await Ids(new EventFilter(Device: "ups-a")));
        Assert.Equal(["s2"], await Ids(new EventFilter(Group: "rack-b")));
        Assert.Equal(["rack-a", "s1"], await Ids(new EventFilter(Saga: "s1"))); // the episode that started the saga belongs to it too
        Assert.Equal(["s1", "s2"], await Ids(new EventFilter(Kind: "saga")));
        Assert.Equal(["ups-a", "ups-b"], await Ids(new EventFilter(Kind: "device.health-changed")));
        Assert.Equal(["ups-a", "rack-a", "s2"], await Ids(new EventFilter(MinSeverity: EventSeverity.Critical)));
        Assert.Equal(["ups-b", "rack-a", "s1"], await Ids(new EventFilter(Since: T0.AddSeconds(1), Until: T0.AddSeconds(3))));
        var stored = (await q.EventsAsync(new EventFilter(Saga: "s2"))).Events.Single();
        Assert.Equal(EventSeverity.Critical, stored.Severity);
        Assert.Contains("\"sagaId\":\"s2\"", stored.Details);
    }

    [Fact]
    public async Task Day_summary_should_give_min_avg_max_and_time_on_battery_per_device()
    {
        var now = T0.AddHours(1);
        var (w, q, _) = await StoreAsync(now);
        using var _ = w;
        // ups-a: 10 minutes on line (charge 100, load 20), then 10 minutes on battery (charge 90, load 40); one sample a minute.
        w.Write(Enumerable.Range(0, 20).Select(i => (IFleetFact)Device("ups-a", T0.AddMinutes(i), charge: i < 10 ? 100 : 90, load: i < 10 ? 20 : 40,
            onBattery: i >= 10, power: 100)).Append(Device("ups-b", T0, charge: 50)).ToList());
        StoreProbe.Maintain(w, now);

        var s = await q.DeviceDaySummariesAsync();
        Assert.Equal(["ups-a", "ups-b"], s.Select(d => d.DeviceId));
        Assert.Equal(new MetricSummary(90, 95, 100), s[0].Charge);
        Assert.Equal(new MetricSummary(20, 30, 40), s[0].Load);
        Assert.Equal(new MetricSummary(100, 100, 100), s[0].Power);
        Assert.Equal(TimeSpan.FromMinutes(10), s[0].OnBattery);
        Assert.Null(s[1].Load);
        Assert.Equal(TimeSpan.Zero, s[1].OnBattery);
    }
}
