namespace Supervisor.Actors.Tests.Hosting;

public class JournalWarmupTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    [Fact]
    public void Warmup_should_write_and_delete_through_the_real_journal_and_stop()
    {
        var warmup = Sys.ActorOf(Props.Create<JournalWarmup>(), "warmup");
        Watch(warmup);
        ExpectTerminated(warmup, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Warmup_should_make_every_write_of_a_power_event_and_leave_only_the_deleted_marker_when_done()
    {
        var warmup = Sys.ActorOf(Props.Create<JournalWarmup>(), "warmup");
        Watch(warmup);
        ExpectTerminated(warmup, TimeSpan.FromSeconds(20));

        using var db = new SqliteConnection($"Data Source={Path.Combine(DataDir, "journal.db")}");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT sequence_number, deleted, manifest FROM journal WHERE persistence_id LIKE 'warmup-%'";
        var rows = new List<(long Seq, long Deleted, string Manifest)>();
        using (var r = query.ExecuteReader())
            while (r.Read()) rows.Add((r.GetInt64(0), r.GetInt64(1), r.GetString(2)));
        // 6 writes: the marker, the group's EpisodeStarted, the saga's batch of 3, the agent's AgentStepStarted (last). The
        // journal keeps the highest one, flagged deleted, so the sequence number survives; the rest are gone.
        var (seq, deleted, manifest) = Assert.Single(rows);
        Assert.Equal((6L, 1L, "a.step-started"), (seq, deleted, manifest));
    }
}
