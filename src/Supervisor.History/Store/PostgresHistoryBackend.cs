using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Supervisor.History.Store;

/// <summary>
/// The multi-host history store: the journal's PostgreSQL database (same connection string), in tables of its own
/// prefixed <c>stats_</c>. Each node writes only what its own devices, groups and sagas publish, so several nodes share
/// the tables without writing any fact twice (and an event written twice is still one row: its id is the key).
/// </summary>
public sealed class PostgresHistoryBackend : IHistoryBackend
{
    private readonly string _connectionString;

    public PostgresHistoryBackend(string journalConnectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(journalConnectionString);
        // A dead server must fail a write in seconds, not hang the writer for Npgsql's defaults (15 s + 30 s).
        if (!ContainsKey(journalConnectionString, "Timeout")) b.Timeout = 5;
        if (!ContainsKey(journalConnectionString, "Command Timeout") && !ContainsKey(journalConnectionString, "CommandTimeout")) b.CommandTimeout = 30;
        b.ApplicationName ??= "supervisor-history";
        // The history's queries are short index range reads; PostgreSQL's JIT (on by default) compiles one whose cost
        // estimate passes jit_above_cost for ~200 ms, longer than the query itself (bench/README.md, history).
        if (b.Options is not { } options || !options.Contains("jit", StringComparison.OrdinalIgnoreCase)) b.Options = $"{b.Options} -c jit=off".Trim();
        // Statements the writer and the maintenance repeat (event insert, series lookup, upserts) are prepared server-side.
        if (b.MaxAutoPrepare == 0) b.MaxAutoPrepare = 32;
        _connectionString = b.ConnectionString;
        Location = $"{b.Host}:{b.Port}";
        Where = $"postgresql {b.Host}:{b.Port}/{b.Database}";
    }

    public string Where { get; }
    public string Location { get; }
    public HistoryDialect Dialect => HistoryDialect.Postgres;

    public IReadOnlyList<HistoryNote> Prepare(DateTimeOffset now)
    {
        using var connection = OpenWriter();
        var from = HistoryMigrations.Migrate(connection, Dialect);
        return from == HistoryMigrations.Current ? []
            : [new(false, from == 0 ? $"created the history tables stats_* in {Where} (schema version {HistoryMigrations.Current})"
                         : $"migrated the history tables in {Where} from schema version {from} to {HistoryMigrations.Current}")];
    }

    public DbConnection OpenWriter() => OpenedConnection.Open(new NpgsqlConnection(_connectionString));

    public Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        OpenedConnection.OpenAsync(new NpgsqlConnection(_connectionString), cancellationToken);

    public ISampleSink CreateSampleSink(DbConnection writer) => new ArraySampleSink((NpgsqlConnection)writer, Dialect);

    /// <summary>
    /// A server database is not ours to move aside: its faults are retried, never "repaired". The pool of this store's
    /// connections (its own: the connection string differs from the journal's) is cleared, because after a server restart
    /// its idle connections are dead and would fail the next attempt too.
    /// </summary>
    public string? TryReplaceDamaged(Exception error, DateTimeOffset now)
    {
        if (error is NpgsqlException) NpgsqlConnection.ClearPool(new NpgsqlConnection(_connectionString));
        return null;
    }

    private static bool ContainsKey(string connectionString, string key) =>
        connectionString.Split(';').Any(part => part.Split('=')[0].Trim().Equals(key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// One prepared <c>INSERT … SELECT FROM unnest(arrays)</c> per batch: a single round trip for thousands of rows,
    /// where one statement per row would pay the network latency per row.
    /// </summary>
    private sealed class ArraySampleSink : ISampleSink
    {
        private readonly NpgsqlCommand _insert;
        private readonly NpgsqlParameter<long[]> _series = new("s", NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        private readonly NpgsqlParameter<long[]> _time = new("t", NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        private readonly NpgsqlParameter<double[]> _value = new("v", NpgsqlDbType.Array | NpgsqlDbType.Double);
        private readonly List<long> _s = [], _t = [];
        private readonly List<double> _v = [];
        private bool _prepared;

        public ArraySampleSink(NpgsqlConnection connection, HistoryDialect dialect)
        {
            _insert = new NpgsqlCommand(dialect.Sql("INSERT INTO {p}samples (series, time, value) SELECT * FROM unnest(@s, @t, @v) ON CONFLICT DO NOTHING"), connection);
            _insert.Parameters.Add(_series);
            _insert.Parameters.Add(_time);
            _insert.Parameters.Add(_value);
        }

        public void Begin(DbTransaction transaction)
        {
            _insert.Transaction = (NpgsqlTransaction)transaction;
            _s.Clear(); _t.Clear(); _v.Clear();
        }

        public void Add(long series, long timeMs, double value)
        {
            _s.Add(series);
            _t.Add(timeMs);
            _v.Add(value);
        }

        public int Complete()
        {
            if (_s.Count == 0) return 0;
            _series.TypedValue = _s.ToArray();
            _time.TypedValue = _t.ToArray();
            _value.TypedValue = _v.ToArray();
            if (!_prepared) { _insert.Prepare(); _prepared = true; }
            return _insert.ExecuteNonQuery();
        }

        public void Dispose() => _insert.Dispose();
    }
}
