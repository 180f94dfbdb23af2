using System.Data.Common;

namespace Supervisor.History.Store;

/// <summary>
/// Opens a backend's connection, or disposes it and rethrows: a connection that failed to open (or to take its settings)
/// must not keep its handle or its pool slot. One piece for both backends, whose connections differ only in type.
/// </summary>
internal static class OpenedConnection
{
    /// <param name="prepare">Run on the open connection before it is handed out (SQLite's pragmas); a throw there disposes it too.</param>
    public static DbConnection Open(DbConnection connection, Action<DbConnection>? prepare = null)
    {
        try
        {
            connection.Open();
            prepare?.Invoke(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static async Task<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
