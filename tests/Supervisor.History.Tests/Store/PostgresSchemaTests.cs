using Supervisor.Tests.RealServers;

namespace Supervisor.History.Tests.Store;

/// <summary>
/// What the PostgreSQL store does for its raw-tier reads beyond the shared contract (bench/README.md, history: a day of
/// raw points at 1 Hz merged in ~15 ms instead of ~65 ms): the samples key carries the value, so a range read never
/// visits the table's heap; the table is vacuumed often enough that its pages are marked all-visible; and the store's
/// sessions run without PostgreSQL's JIT, which compiles for ~200 ms once a plan's estimate passes jit_above_cost.
/// </summary>
public sealed class PostgresSchemaTests(PostgresServer pg) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Samples_key_should_carry_the_value_after_migrating_a_version_2_database_and_keep_its_rows()
    {
        var b = new PostgresHistoryBackend(await pg.CreateDatabaseAsync());
        await using (var c = b.OpenWriter()) HistoryMigrations.Migrate(c, b.Dialect, target: 2);
        await StoreProbe.ExecAsync(b, "INSERT INTO {p}series (subject_kind, subject_id, metric, unit) VALUES ('device', 'ups-a', 'charge', '%')");
        await StoreProbe.ExecAsync(b, "INSERT INTO {p}samples SELECT id, 1000, 99.5 FROM {p}series");
        Assert.Equal((2, 2), await KeyColumnsAsync(b)); // before step 3: (series, time) only

        Assert.Contains(b.Prepare(T0), n => n.Text.Contains($"from schema version 2 to {HistoryMigrations.Current}"));

        Assert.Equal((3, 2), await KeyColumnsAsync(b)); // three columns, two of them the key: value is carried, not keyed
        Assert.Equal(1, await StoreProbe.CountAsync(b, "samples", "time = 1000 AND value = 99.5"));
        await StoreProbe.ExecAsync(b, "INSERT INTO {p}samples SELECT id, 1000, 1 FROM {p}series ON CONFLICT DO NOTHING"); // still unique on (series, time)
        Assert.Equal(1, await StoreProbe.CountAsync(b, "samples"));
        Assert.Contains("autovacuum_vacuum_insert_scale_factor=0.01", await ScalarAsync(b, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'stats_samples'"));
    }

    [Fact]
    public async Task Store_sessions_should_run_without_jit_unless_the_connection_string_sets_it()
    {
        Assert.Equal("off", await ScalarAsync(new PostgresHistoryBackend(await pg.CreateDatabaseAsync()), "SHOW jit"));
        Assert.Equal("on", await ScalarAsync(new PostgresHistoryBackend(await pg.CreateDatabaseAsync() + ";Options=-c jit=on"), "SHOW jit"));
    }

    private static async Task<(int Columns, int KeyColumns)> KeyColumnsAsync(IHistoryBackend b)
    {
        var row = await ScalarAsync(b, "SELECT indnatts || ',' || indnkeyatts FROM pg_index WHERE indrelid = 'stats_samples'::regclass AND indisprimary");
        var parts = row.Split(',');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    private static async Task<string> ScalarAsync(IHistoryBackend b, string sql)
    {
        await using var c = await b.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
