using Akka.Persistence;

namespace Supervisor.Actors.Tests.Persistence;

/// <summary>
/// A real journal in a data dir whose name holds ';', a quote and a backslash: events land in that directory's
/// journal.db and come back after a restart. Before the connection string was built by the provider's builder, the
/// HOCON did not parse (quote) or the journal opened another file (';' ended the connection string), and the node
/// supervised nothing.
/// </summary>
public sealed class AwkwardDataDirJournalTests : TestKit
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "supervisor-tests", Guid.NewGuid().ToString("N")[..8], "we;ird \"data\" dir\\x");

    public AwkwardDataDirJournalTests(ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString("akka.loglevel = INFO\nakka.test.timefactor = 3").WithFallback(Prepare()), "awkward", output) { }

    private static Config Prepare()
    {
        Directory.CreateDirectory(Dir);
        return SupervisorHocon.Essentials(Dir);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(Dir)!, recursive: true); } catch (IOException) { /* best effort */ }
    }

    private sealed class Recorder : ReceivePersistentActor
    {
        private readonly List<string> _seen = [];
        public override string PersistenceId => "awkward-recorder";

        public Recorder()
        {
            Recover<Domain.Groups.GroupRearmed>(e => _seen.Add(e.Reason));
            Command<string>(s => s == "?", _ => Sender.Tell(string.Join(",", _seen)));
            Command<string>(s => Persist(new Domain.Groups.GroupRearmed("g", s, DateTimeOffset.UtcNow), e =>
            {
                _seen.Add(e.Reason);
                Sender.Tell("ok");
            }));
        }
    }

    [Fact]
    public void Journal_should_write_into_the_named_data_dir_and_recover_from_it_when_the_path_holds_semicolons_quotes_and_backslashes()
    {
        var first = Sys.ActorOf(Props.Create(() => new Recorder()));
        first.Tell("one");
        ExpectMsg("ok", TimeSpan.FromSeconds(20));
        first.Tell("two");
        ExpectMsg("ok");
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        var second = Sys.ActorOf(Props.Create(() => new Recorder()));
        second.Tell("?");
        ExpectMsg("one,two", TimeSpan.FromSeconds(20));
        Assert.True(File.Exists(Path.Combine(Dir, "journal.db")), $"no journal.db in {Dir}");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Dir)!)); // nothing written next to it under a cut-short name
    }
}
