namespace Supervisor.Actors.Tests;

/// <summary>TestKit over a real SQLite journal in a fresh temp directory, with the real serializer bound.</summary>
public abstract class PersistentTestKit : TestKit
{
    protected string DataDir { get; }

    protected PersistentTestKit(ITestOutputHelper output, string? extraHocon = null)
        : this(NewDataDir(), output, extraHocon) { }

    /// <param name="dataDir">An existing directory (e.g. on a <see cref="Supervisor.Tests.RealServers.Tmpfs"/>), already prepared as the node does.</param>
    protected PersistentTestKit(string dataDir, ITestOutputHelper output, string? extraHocon)
        : base(ConfigurationFactory.ParseString(extraHocon ?? "")
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = INFO\nakka.actor.serialize-messages = off\n# CI boxes are small and run other test hosts beside this one: stretch default timeouts.\nakka.test.timefactor = 3"))
            .WithFallback(SupervisorHocon.Essentials(dataDir)), "actors-test", output)
    {
        DataDir = dataDir;
    }

    private static string NewDataDir() => PrepareDataDir(Path.Combine(Path.GetTempPath(), "supervisor-tests", Guid.NewGuid().ToString("N")));

    protected static string PrepareDataDir(string dir)
    {
        Directory.CreateDirectory(dir);
        SqliteJournalFile.UseWriteAheadLog(dir); // as the node does before Akka opens the file
        return dir;
    }

    /// <summary>Stops <paramref name="actor"/> and waits until it is gone, as on a fail-over: the next one recovers its journal.</summary>
    protected async Task StopAsync(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
