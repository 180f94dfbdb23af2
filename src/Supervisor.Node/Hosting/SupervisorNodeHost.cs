using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Supervisor.Actors.Hosting;
using Supervisor.Domain.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Supervisor.Node.Hosting;

/// <summary>Builds the generic host of one node: console logging plus the Akka actor system.</summary>
public static class SupervisorNodeHost
{
    public static IHost Build(NodeConfiguration node, NodeOptions options)
    {
        Directory.CreateDirectory(node.Settings.DataDir);
        if (node.Settings.Journal.Provider == JournalProvider.Sqlite) UseWriteAheadLog(node.Settings.DataDir);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = false;
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddAkka(NodeRoles.SystemName, (akka, _) => akka.AddSupervisorNode(node, options));
        return builder.Build();
    }

    /// <summary>Before Akka opens the file (see <see cref="SqliteJournalFile"/>). Failing here is not fatal: the journal still works, only slower.</summary>
    private static void UseWriteAheadLog(string dataDir)
    {
        try
        {
            var mode = SqliteJournalFile.UseWriteAheadLog(dataDir);
            if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                Console.Error.WriteLine($"warning: SQLite journal {SqliteJournalFile.PathIn(dataDir)} stays in journal_mode {mode} (WAL not supported " +
                                        "on this file system?); it works, but journal reads and writes can wait 150 ms for each other");
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"warning: could not switch SQLite journal {SqliteJournalFile.PathIn(dataDir)} to WAL: {e.Message}. " +
                                    "Is another node using the same supervisor.data-dir? Each node needs its own.");
        }
    }
}
