using Supervisor.Tests.RealServers;
using static Supervisor.History.Tests.Support.Facts;

namespace Supervisor.History.Tests.Store;

/// <summary>
/// A batch's samples go in by (series, time), not in the order the polls arrived: a batch holding several polls of many
/// devices then visits each series' page once (bench/README.md, history). PostgreSQL's heap keeps insertion order, so
/// there it is visible.
/// </summary>
public sealed class SampleWriteOrderTests(PostgresServer pg) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_batch_with_several_polls_of_several_devices_should_be_inserted_in_series_then_time_order()
    {
        var backend = new PostgresHistoryBackend(await pg.CreateDatabaseAsync());
        backend.Prepare(T0);
        using var w = new HistoryWriter(backend);
        // Three polls of three devices, as they arrive: device by device within each second.
        var polls = Enumerable.Range(0, 3).SelectMany(s => new[] { "ups-a", "ups-b", "ups-c" }.Select(d => (IFleetFact)Failed(d, T0.AddSeconds(s)))).ToList();

        Assert.Equal(18, w.Write(polls).NewRows);

        await using var c = await backend.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT series, time FROM stats_samples ORDER BY ctid";
        var stored = new List<(long Series, long Time)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) stored.Add((r.GetInt64(0), r.GetInt64(1)));
        Assert.Equal(stored.OrderBy(x => x.Series).ThenBy(x => x.Time), stored);
    }

    [Fact]
    public async Task Of_two_samples_with_one_series_and_time_in_a_batch_the_first_should_be_kept()
    {
        var backend = new PostgresHistoryBackend(await pg.CreateDatabaseAsync());
        backend.Prepare(T0);
        using var w = new HistoryWriter(backend);

        w.Write([Device("ups-a", T0, power: 20), Device("ups-a", T0, power: 10)]);

        await using var c = await backend.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT s.value FROM stats_samples s JOIN stats_series m ON m.id = s.series WHERE m.metric = 'power'";
        Assert.Equal(20.0, await cmd.ExecuteScalarAsync());
    }
}
