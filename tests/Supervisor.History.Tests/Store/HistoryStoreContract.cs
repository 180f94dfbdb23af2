using static Supervisor.History.Tests.Support.Facts;

namespace Supervisor.History.Tests.Store;

/// <summary>What both backends must do alike: aggregates, retention, idempotence, migrations. Run by a SQLite and a PostgreSQL subclass.</summary>
public abstract class HistoryStoreContract(IBackendSource backends) : IDisposable
{
    private const long Min = 60_000;

    public void Dispose() => backends.Dispose();

    private async Task<(IHistoryBackend, HistoryWriter)> PreparedAsync()
    {
        var b = await backends.NewAsync();
        b.Prepare(T0);
        return (b, new HistoryWriter(b));
    }

    [Fact]
    public async Task Aggregates_should_be_exact_on_a_worked_example()
    {
        var (b, w) = await PreparedAsync();
        using var _ = w;
        // charge: 10:00 80, 10:01 70, 10:04:30 60 | 10:05 50, 10:59 40. energy (kWh): 5.0, 5.5, 6.0 | reset 0.5, 1.0.
        w.Write([
            Device("ups-a", T0, charge: 80, energy: 5.0), Device("ups-a", T0.AddMinutes(1), charge: 70, energy: 5.5),
            Device("ups-a", T0.AddMinutes(4.5), charge: 60, energy: 6.0), Device("ups-a", T0.AddMinutes(5), charge: 50, energy: 0.5),
            Device("ups-a", T0.AddMinutes(59), charge: 40, energy: 1.0),
        ]);
        StoreProbe.Maintain(w, T0.AddHours(1));

        var t = T0.ToUnixTimeMilliseconds();
        Assert.Equal([new(t, 60, 80, 70, 60, 3, null), new(t + 5 * Min, 50, 50, 50, 50, 1, null), new(t + 55 * Min, 40, 40, 40, 40, 1, null)],
            await StoreProbe.AggregatesAsync(b, "agg_5m", "ups-a", "charge"));
        Assert.Equal([new BucketAggregate(t, 40, 80, 60, 40, 5, null)], await StoreProbe.AggregatesAsync(b, "agg_1h", "ups-a", "charge"));

        var energy5 = await StoreProbe.AggregatesAsync(b, "agg_5m", "ups-a", "energy");
        Assert.Equal([1.0, 0.5, 0.5], energy5.Select(e => Math.Round(e.Sum!.Value, 9)));
        Assert.Equal(2.0, (await StoreProbe.AggregatesAsync(b, "agg_1h", "ups-a", "energy")).Single().Sum!.Value, 9);
    }

    [Fact]
    public async Task Counter_increase_should_count_from_the_last_sample_before_a_later_round()
    {
        var (b, w) = await PreparedAsync();
        using var _ = w;
        w.Write([Device("plug", T0, energy: 10.0)]);
        StoreProbe.Maintain(w, T0.AddMinutes(1));
        w.Write([Device("plug", T0.AddMinutes(6), energy: 10.25)]); // next bucket, next round
        StoreProbe.Maintain(w, T0.AddMinutes(7));
        Assert.Equal([0.0, 0.25], (await StoreProbe.AggregatesAsync(b, "agg_5m", "plug", "energy")).Select(e => Math.Round(e.Sum!.Value, 9)));
    }

    [Fact]
    public async Task Aggregation_should_give_the_same_rows_when_a_bucket_is_aggregated_again()
    {
        var (b, w) = await PreparedAsync();
        using var _ = w;
        var facts = Enumerable.Range(0, 30).Select(i => Device("ups-a", T0.AddSeconds(20 * i), charge: 100 - i, energy: i / 10.0)).ToList();
        w.Write(facts);
        StoreProbe.Maintain(w, T0.AddMinutes(15));
        var first5 = await StoreProbe.AggregatesAsync(b, "agg_5m", "ups-a", "energy");
        var first1h = await StoreProbe.AggregatesAsync(b, "agg_1h", "ups-a", "charge");

        var again = w.Write(facts); // the same facts again: no new rows, but the series are marked for another round
        Assert.Equal(0, again.NewRows);
        StoreProbe.Maintain(w, T0.AddMinutes(15));
        Assert.Equal(first5, await StoreProbe.AggregatesAsync(b, "agg_5m", "ups-a", "energy"));
        Assert.Equal(first1h, await StoreProbe.AggregatesAsync(b, "agg_1h", "ups-a", "charge"));
        Assert.Equal(2, first5.Count);
    }

    [Fact]
    public async Task Same_event_stored_twice_should_be_one_row()
    {
        var (b, w) = await PreparedAsync();
        using var _ = w;
        var e = Saga("rack-a-1-20261206T100000", "rack-a", 3, T0);
        Assert.Equal(2, w.Write([e, Warning("supervisor.x", T0)]).NewEvents);
        Assert.Equal(0, w.Write([e with { Text = "replayed after fail-over" }]).NewEvents);
        Assert.Equal(2, await StoreProbe.CountAsync(b, "events"));
        Assert.Equal(1, await StoreProbe.CountAsync(b, "events", $"id = '{e.Id}' AND saga_id = 'rack-a-1-20261206T100000' AND group_id = 'rack-a'"));
    }

    [Fact]
    public async Task Purge_should_delete_exactly_what_is_past_each_tiers_retention()
    {
        var (b, w) = await PreparedAsync();
        using var _ = w;
        var now = T0.AddDays(100);
        var cut = now.AddHours(-48);
        w.Write([Device("ups-a", cut.AddMilliseconds(-1), charge: 1), Device("ups-a", cut, charge: 2), Device("ups-a", now.AddHours(-1), charge: 3)]);
        w.Write([Warning("old", now.AddDays(-5 * 365).AddMilliseconds(-1)), Warning("kept", now.AddDays(-5 * 365))]);
        // Aggregates written by hand: one 5-minute bucket that ends exactly at the cut-off (goes) and one that straddles it (stays).
        var fiveCut = now.AddDays(-90).ToUnixTimeMilliseconds();
        var series = await SeriesIdAsync(b, "ups-a", "charge");
        await StoreProbe.ExecAsync(b, $"INSERT INTO {{p}}agg_5m VALUES ({series}, {fiveCut - 2 * Buckets.FiveMinuteMs}, 1, 1, 1, 1, 1, NULL)");
        await StoreProbe.ExecAsync(b, $"INSERT INTO {{p}}agg_5m VALUES ({series}, {fiveCut - Buckets.FiveMinuteMs + 1}, 1, 1, 1, 1, 1, NULL)");

        StoreProbe.Maintain(w, now);
        Assert.Equal(0, await StoreProbe.CountAsync(b, "samples", $"series = {series} AND time < {cut.ToUnixTimeMilliseconds()}"));
        Assert.Equal(2, await StoreProbe.CountAsync(b, "samples", $"series = {series}"));
        Assert.Equal(1, await StoreProbe.CountAsync(b, "agg_5m", $"series = {series} AND bucket < {fiveCut}"));
        Assert.Equal(1, await StoreProbe.CountAsync(b, "events"));
        Assert.Equal(1, await StoreProbe.CountAsync(b, "events", "subject_id = 'kept'"));
    }

    [Fact]
    public async Task Purge_should_delete_in_batches_of_at_most_five_thousand_rows()
    {
        var (b, w) = await PreparedAsync();
        using var _ = w;
        var now = T0.AddDays(10);
        w.Write(Enumerable.Range(0, 12_000).Select(i => (IFleetFact)Failed("ups-a", T0.AddSeconds(i))).ToList()); // 2 series x 12 000 old rows
        w.BeginMaintenance(RetentionCutoffs.For(now, HistoryRetention.Default));
        var left = await StoreProbe.CountAsync(b, "samples");
        var deletions = new List<long>();
        while (w.MaintenanceStep())
        {
            var n = await StoreProbe.CountAsync(b, "samples");
            if (n < left) deletions.Add(left - n);
            left = n;
        }
        Assert.Equal(0, await StoreProbe.CountAsync(b, "samples"));
        Assert.All(deletions, d => Assert.True(d <= HistoryWriter.PurgeBatch, $"one step deleted {d} rows"));
        Assert.Equal(24_000, deletions.Sum());
        Assert.True(deletions.Count >= 5, $"{deletions.Count} steps");
    }

    [Fact]
    public async Task Migration_should_bring_a_version_1_database_with_data_to_the_current_version_and_keep_it()
    {
        var b = await backends.NewAsync();
        await using (var c = b.OpenWriter())
        {
            Assert.Equal(0, HistoryMigrations.Migrate(c, b.Dialect, target: 1));
            Assert.Equal(1, HistoryMigrations.ReadVersion(c, null, b.Dialect));
        }
        await StoreProbe.ExecAsync(b, "INSERT INTO {p}series (subject_kind, subject_id, metric, unit) VALUES ('device', 'ups-a', 'charge', '%')");
        var series = await SeriesIdAsync(b, "ups-a", "charge");
        await StoreProbe.ExecAsync(b, $"INSERT INTO {{p}}samples VALUES ({series}, 1000, 99.5)");
        await StoreProbe.ExecAsync(b, "INSERT INTO {p}events VALUES ('saga-s1#1', 1000, 'saga.started', 'critical', 'saga', 's1', 'rack-a', 'Saga s1: STARTED', '{}')");

        var notes = b.Prepare(T0);
        Assert.Contains(notes, n => n.Text.Contains($"from schema version 1 to {HistoryMigrations.Current}"));
        await using (var c = b.OpenWriter())
            Assert.Equal(HistoryMigrations.Current, HistoryMigrations.ReadVersion(c, null, b.Dialect));
        Assert.Equal(1, await StoreProbe.CountAsync(b, "samples", $"series = {series} AND time = 1000 AND value = 99.5"));
        Assert.Equal(1, await StoreProbe.CountAsync(b, "events", "id = 'saga-s1#1' AND saga_id = 's1'")); // backfilled by step 2
        Assert.Empty(b.Prepare(T0)); // nothing left to do
    }

    protected static async Task<long> SeriesIdAsync(IHistoryBackend b, string device, string metric)
    {
        await using var c = await b.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = b.Dialect.Sql($"SELECT id FROM {{p}}series WHERE subject_id = '{device}' AND metric = '{metric}'");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
