namespace Supervisor.Domain.Tests.Placement;

public sealed class NodesOnHostTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static NodeOnHost Node(int pid, string port, string journal, string? fingerprint = "abc") =>
        new(pid, $"akka.tcp://supervisor@127.0.0.1:{port}", $"/d{pid}", journal, fingerprint, "singleton, 1 device(s), 1 group(s)", T.AddSeconds(pid));

    [Fact]
    public void SameFleetOtherJournal_should_name_a_supervisor_of_the_same_fleet_with_its_own_journal()
    {
        var self = Node(2, "4054", "SQLite journal /d2/journal.db");
        var other = Node(1, "4053", "SQLite journal /d1/journal.db");
        Assert.Equal([other], NodesOnHost.SameFleetOtherJournal(self, [other, self]));
        Assert.Contains("pid 1", NodesOnHost.Warning(self, other));
    }

    [Fact]
    public void SameFleetOtherJournal_should_ignore_fail_over_peers_sharing_a_journal_other_fleets_and_agent_only_nodes()
    {
        var self = Node(2, "4054", "PostgreSQL journal db:5432/supervisor");
        Assert.Empty(NodesOnHost.SameFleetOtherJournal(self, [
            Node(1, "4053", "PostgreSQL journal db:5432/supervisor"),
            Node(3, "4055", "SQLite journal /d3/journal.db", fingerprint: "other"),
            Node(4, "4056", "SQLite journal /d4/journal.db", fingerprint: null)]));
        Assert.Empty(NodesOnHost.SameFleetOtherJournal(self with { Fingerprint = null }, [Node(1, "4053", "SQLite journal /x")]));
    }
}
