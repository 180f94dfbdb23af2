using System.Data;
using System.Data.Common;

namespace Supervisor.History.Store;

/// <summary>Small ADO.NET helpers shared by both backends (typed parameters, so PostgreSQL never has to guess a type).</summary>
internal static class DbCommands
{
    public static DbCommand Create(DbConnection connection, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.DbType = type;
            command.Parameters.Add(p);
        }
        return command;
    }

    public static DbCommand Set(this DbCommand command, int index, object? value)
    {
        command.Parameters[index].Value = value ?? DBNull.Value;
        return command;
    }

    public static DbCommand In(this DbCommand command, DbTransaction? transaction)
    {
        command.Transaction = transaction;
        return command;
    }

    public static long? ScalarLong(this DbCommand command) =>
        command.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static double? ScalarDouble(this DbCommand command) =>
        command.ExecuteScalar() is { } v and not DBNull ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;
}
