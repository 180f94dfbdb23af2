using Supervisor.Tests.RealServers;

namespace Supervisor.History.Tests.Store;

/// <summary>The store contract on a real SQLite file in a temp data dir.</summary>
public sealed class SqliteStoreTests : HistoryStoreContract, IDisposable
{
    private readonly List<TempDir> _dirs = [];

    protected override Task<IHistoryBackend> NewBackendAsync()
    {
        var dir = new TempDir();
        _dirs.Add(dir);
        return Task.FromResult<IHistoryBackend>(new SqliteHistoryBackend(dir.Path));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var d in _dirs) d.Dispose();
    }
}

/// <summary>The store contract on a real PostgreSQL server, a fresh database per test.</summary>
public sealed class PostgresStoreTests(PostgresServer pg) : HistoryStoreContract, IClassFixture<PostgresServer>
{
    protected override async Task<IHistoryBackend> NewBackendAsync() => new PostgresHistoryBackend(await pg.CreateDatabaseAsync());
}
