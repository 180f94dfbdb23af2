namespace Supervisor.Actors.Tests.Hosting;

/// <summary>The journal config names exactly <c>supervisor.data-dir</c>'s directory, however awkward the path (the reader side is in Supervisor.Configuration.Tests' DataDirConfigTests).</summary>
public sealed class SqliteJournalDataDirTests
{
    public static TheoryData<string> AwkwardDirs => ["/srv/a;b", "/srv/quote\"d", "/srv/back\\slash", "/srv/eq=ual", "/srv/it's"];

    [Theory]
    [MemberData(nameof(AwkwardDirs))]
    public void SqliteJournal_should_name_journal_db_inside_the_data_dir_when_the_path_holds_quotes_semicolons_or_backslashes(string dir)
    {
        var config = SupervisorHocon.SqliteJournal(dir); // threw, or named another file, before the builder was used
        foreach (var key in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql", "akka.persistence.query.journal.sql" })
        {
            var connection = new SqliteConnectionStringBuilder(config.GetString(key + ".connection-string"));
            Assert.Equal(Path.Combine(dir, "journal.db"), connection.DataSource);
            Assert.Single(connection.Keys.Cast<string>(), k => connection.ShouldSerialize(k)); // nothing but Data Source: no key smuggled in by the path
        }
    }
}
