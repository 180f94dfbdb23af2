using Microsoft.Data.Sqlite;
using Supervisor.Actors.Hosting;
using Supervisor.Actors.Persistence;
using Supervisor.Domain.Placement;
using Supervisor.Domain;

namespace Supervisor.Node.Hosting;

/// <summary>
/// What a node settles with its environment before Akka starts, in this order: the data dir is usable (and private),
/// no other node holds it (<see cref="DataDirLock"/>), no other process listens on the cluster port
/// (<see cref="ClusterPortProbe"/>), the SQLite journal is sound or moved aside (<see cref="JournalFileCheck"/>; only
/// after the lock, so a second node can never move a live node's journal), and this node is in the host registry,
/// which also says whether another supervisor here watches the same fleet with its own journal. Holds the lock and the
/// registry entry until disposed, which the host does after the actor system has stopped.
/// </summary>
public sealed class NodeStartup : IDisposable
{
    private readonly DataDirLock _lock;
    private readonly HostRegistry? _registry;

    /// <summary>Things the operator must hear about that do not stop the node.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The SQLite journal check; null with PostgreSQL.</summary>
    public JournalFileVerdict? Journal { get; }

    private NodeStartup(DataDirLock dataLock, HostRegistry? registry, IReadOnlyList<string> warnings, JournalFileVerdict? journal)
    {
        _lock = dataLock;
        _registry = registry;
        Warnings = warnings;
        Journal = journal;
    }

    /// <exception cref="NodeStartupException">The node must not start; every reason names its HOCON path and the fix.</exception>
    public static NodeStartup Prepare(NodeConfiguration node, DateTimeOffset now)
    {
        var settings = node.Settings;
        var check = DataDirectory.Check(settings.DataDir);
        if (check.Errors.Count > 0) throw new NodeStartupException(check.Errors);
        var warnings = DataDirectory.Prepare(settings.DataDir, OwnNames(settings)).ToList();

        var dataLock = DataDirLock.Acquire(settings.DataDir, node.Address);
        try
        {
            var registryDirs = HostRegistry.Directories(node.Akka.GetString(HostRegistry.SettingPath, "auto"));
            var others = HostRegistry.Live(registryDirs);
            ClusterPortProbe.EnsureFree(node.Akka.GetString("akka.remote.dot-netty.tcp.hostname"), node.Akka.GetInt(ClusterPortProbe.PortPath),
                () => string.Join(", ", others.Where(o => o.Address.EndsWith($":{node.Akka.GetInt(ClusterPortProbe.PortPath)}", StringComparison.Ordinal))
                    .Select(o => $"supervisor pid {o.Pid} (data dir {o.DataDir})")));

            JournalFileVerdict? journal = null;
            if (settings.Journal.Provider == JournalProvider.Sqlite)
            {
                journal = CheckJournal(settings.DataDir, now);
                DataDirectory.CreatePrivateFile(SqliteJournalFile.PathIn(settings.DataDir)); // SQLite gives -wal and -shm the same mode
                if (UseWriteAheadLog(settings.DataDir) is { } walWarning) warnings.Add(walWarning);
            }

            var self = new NodeOnHost(Environment.ProcessId, node.Address, Path.GetFullPath(settings.DataDir), JournalIdentity.Of(settings).Description,
                node.HasRole(ClusterNames.Roles.Supervisor) && settings.Groups.Count > 0 ? FleetFingerprint.Of(settings).Hash : null,
                FleetFingerprint.Of(settings).Summary, now);
            var registry = HostRegistry.Register(registryDirs, self, out var problem);
            if (registry is null && problem is not null)
                warnings.Add($"could not add this node to the host registry ({problem}): a second supervisor for the same fleet on this host goes unnoticed; set {HostRegistry.SettingPath}");
            warnings.AddRange(NodesOnHost.SameFleetOtherJournal(self, others).Select(o => NodesOnHost.Warning(self, o)));
            return new NodeStartup(dataLock, registry, warnings, journal);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    private static JournalFileVerdict CheckJournal(string dataDir, DateTimeOffset now)
    {
        try
        {
            return JournalFileCheck.Run(dataDir, now);
        }
        catch (JournalUnusableException e)
        {
            throw new NodeStartupException(DataDirectory.HoconPath, e.Message);
        }
    }

    /// <summary>The action log counts as Supervisor's own file when it sits directly in the data dir (the default).</summary>
    private static IEnumerable<string> OwnNames(SupervisorSettings settings)
    {
        yield return "agent-actions.jsonl";
        if (settings.Agent?.ActionLog is { } log && Path.GetDirectoryName(Path.GetFullPath(log)) == Path.GetFullPath(settings.DataDir))
            yield return Path.GetFileName(log);
    }

    /// <summary>Before Akka opens the file (see <see cref="SqliteJournalFile"/>). Failing here is not fatal: the journal still works, only slower.</summary>
    private static string? UseWriteAheadLog(string dataDir)
    {
        try
        {
            var mode = SqliteJournalFile.UseWriteAheadLog(dataDir);
            return mode.Equals("wal", StringComparison.OrdinalIgnoreCase)
                ? null
                : $"SQLite journal {SqliteJournalFile.PathIn(dataDir)} stays in journal_mode {mode} (WAL not supported on this file system?); " +
                  "it works, but journal reads and writes can wait 150 ms for each other";
        }
        catch (SqliteException e)
        {
            return $"could not switch SQLite journal {SqliteJournalFile.PathIn(dataDir)} to WAL: {e.Message}; it works, but journal reads and writes can wait for each other";
        }
    }

    public void Dispose()
    {
        _registry?.Dispose();
        _lock.Dispose();
    }
}
