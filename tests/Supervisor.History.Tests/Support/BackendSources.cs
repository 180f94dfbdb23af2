using Microsoft.Data.Sqlite;
using Supervisor.Tests.RealServers;

namespace Supervisor.History.Tests.Support;

/// <summary>Where a backend contract gets a fresh, empty database of its backend, once per call.</summary>
public interface IBackendSource : IDisposable
{
    Task<IHistoryBackend> NewAsync();
}

/// <summary>Real SQLite files, each in its own temp data dir; the dirs go with the test.</summary>
public sealed class SqliteBackends : IBackendSource
{
    private readonly List<TempDir> _dirs = [];

    public Task<IHistoryBackend> NewAsync()
    {
        var dir = new TempDir();
        _dirs.Add(dir);
        return Task.FromResult<IHistoryBackend>(new SqliteHistoryBackend(dir.Path));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections would keep the files open
        foreach (var d in _dirs) d.Dispose();
    }
}

/// <summary>A fresh database per call on a real PostgreSQL server the test class shares.</summary>
public sealed class PostgresBackends(PostgresServer pg) : IBackendSource
{
    public async Task<IHistoryBackend> NewAsync() => new PostgresHistoryBackend(await pg.CreateDatabaseAsync());

    public void Dispose() { /* the server is the class fixture's to stop */ }
}
