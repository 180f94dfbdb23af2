using Akka.Event;
using Akka.Persistence;
using Supervisor.Actors.Persistence;

namespace Supervisor.Actors.Tests.Persistence;

/// <summary>
/// <see cref="ResilientSqlJournal"/> on a real SQLite journal on a real tmpfs that fills up: actors carry on from memory,
/// the held events reach the file later in order, a restart in-process recovers them, and a second writer of the same
/// persistence id still fails (the fence). Before it, the first write on a full disk stopped the actor.
/// </summary>
public sealed class ResilientSqlJournalTests : PersistentTestKit
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);
    private readonly Tmpfs _disk;
    private readonly TestProbeLog _errors;

    public ResilientSqlJournalTests(ITestOutputHelper output) : this(new Tmpfs("3m"), output) { }

    private ResilientSqlJournalTests(Tmpfs disk, ITestOutputHelper output)
        : base(PrepareDataDir(Path.Combine(disk.Dir, "data")), output, "akka.persistence.journal.sql.supervisor.write-timeout = 1s")
    {
        _disk = disk;
        _errors = new TestProbeLog(this);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _disk.Dispose();
    }

    /// <summary>Every log event at WARNING and above, as text.</summary>
    private sealed class TestProbeLog
    {
        private readonly Akka.TestKit.TestProbe _probe;

        public TestProbeLog(PersistentTestKit kit)
        {
            _probe = kit.CreateTestProbe();
            kit.Sys.EventStream.Subscribe(_probe.Ref, typeof(Error));
            kit.Sys.EventStream.Subscribe(_probe.Ref, typeof(Warning));
        }

        public string WaitFor(string contains, TimeSpan within) =>
            _probe.FishForMessage<LogEvent>(e => e.Message?.ToString()?.Contains(contains) == true, within).Message.ToString()!;
    }

    private sealed class Recorder : ReceivePersistentActor
    {
        private readonly List<string> _seen = [];
        public override string PersistenceId { get; }

        public Recorder(string id)
        {
            PersistenceId = id;
            Recover<GroupRearmed>(e => _seen.Add(e.Reason));
            Command<string>(s => s == "?", _ => Sender.Tell(string.Join(",", _seen)));
            Command<string>(s =>
            {
                var asker = Sender;
                Persist(new GroupRearmed("g", s + new string('.', 1500), DateTimeOffset.UtcNow), e =>
                {
                    _seen.Add(e.Reason);
                    asker.Tell($"ok {LastSequenceNr}");
                });
            });
        }
    }

    private IActorRef Recorder_(string id) => Sys.ActorOf(Props.Create(() => new Recorder(id)));

    private List<long> RowsOf(string persistenceId)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = SqliteJournalFile.PathIn(DataDir), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number FROM journal WHERE persistence_id = $id ORDER BY ordering";
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read()) rows.Add(reader.GetInt64(0));
        return rows;
    }

    private PersistenceView Health => JournalHealth.Get(Sys).View("test");

    [RootFact]
    public void Persist_should_carry_on_from_memory_and_reach_the_file_in_order_later_when_the_disk_is_full()
    {
        var recorder = Recorder_("group-full");
        recorder.Tell("e1");
        ExpectMsg("ok 1", TimeSpan.FromSeconds(20));

        _disk.Fill();
        var n = 1;
        while (!Health.Impaired && n < 200) // the WAL has a few free frames left; the next page it needs fails
        {
            recorder.Tell($"e{++n}");
            ExpectMsg($"ok {n}", Quick);
        }
        recorder.Tell($"e{++n}");
        ExpectMsg($"ok {n}", Quick); // and once impaired, still at once

        var error = _errors.WaitFor("Persistence IMPAIRED", Quick);
        Assert.Contains(SqliteJournalFile.PathIn(DataDir), error);
        Assert.Contains("disk full", error);
        Assert.Contains($"df -h {DataDir}", error);
        Assert.True(Health.EventsInMemory >= 1, Health.Summary);
        Assert.Contains("SUPERVISION IMPAIRED", Health.Summary);

        // Restarted in this process (as PersistentChild or a group does), the actor gets back everything, held events included.
        Watch(recorder);
        recorder.Tell(PoisonPill.Instance);
        ExpectTerminated(recorder);
        var again = Recorder_("group-full");
        again.Tell("?");
        var seen = ExpectMsg<string>(Quick).Split(',').Select(s => s.TrimEnd('.')).ToList();
        Assert.Equal(Enumerable.Range(1, n).Select(i => $"e{i}"), seen);

        _disk.Free();
        _errors.WaitFor("Persistence restored", TimeSpan.FromSeconds(40));
        Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), RowsOf("group-full"));
        Assert.False(Health.Impaired, Health.Summary);

        again.Tell($"e{++n}"); // and it goes on writing straight to the file
        ExpectMsg($"ok {n}", Quick);
        Assert.Equal(n, RowsOf("group-full").Count);
    }

    [RootFact]
    public void Persist_should_still_fail_for_a_second_writer_of_the_same_persistence_id_when_the_first_got_there_first()
    {
        var first = Recorder_("saga-fenced");
        first.Tell("from-first");
        ExpectMsg("ok 1", TimeSpan.FromSeconds(20));
        var second = Recorder_("saga-fenced"); // another incarnation, e.g. the other side of a partition after a fail-over
        second.Tell("?");
        ExpectMsg<string>(Quick);
        first.Tell("first-again");
        ExpectMsg("ok 2", Quick);

        Watch(second);
        second.Tell("from-second"); // also sequence number 2: the unique key refuses it
        ExpectTerminated(second, Quick);

        Assert.Equal([1L, 2L], RowsOf("saga-fenced"));
        Assert.False(Health.Impaired, "a constraint violation is not a storage fault: " + Health.Summary);
    }

    [RootFact]
    public void Persist_should_answer_within_the_write_timeout_and_write_the_event_once_when_another_process_holds_the_write_lock()
    {
        var recorder = Recorder_("agent-slow");
        recorder.Tell("before");
        ExpectMsg("ok 1", TimeSpan.FromSeconds(20));

        using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqliteJournalFile.PathIn(DataDir), Pooling = false }.ToString());
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "CREATE TABLE IF NOT EXISTS blocker (x); BEGIN IMMEDIATE; INSERT INTO blocker VALUES (1);";
            begin.ExecuteNonQuery();
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        recorder.Tell("during");
        ExpectMsg("ok 2", Quick);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3.5)); // write-timeout 1 s, not SQLite's 30 s busy wait
        Assert.Contains("too slow", _errors.WaitFor("Persistence IMPAIRED", Quick));

        using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            commit.ExecuteNonQuery();
        }
        _errors.WaitFor("Persistence restored", TimeSpan.FromSeconds(40));
        Assert.Equal([1L, 2L], RowsOf("agent-slow")); // the write that was waiting went through, and nothing wrote it twice
    }
}
