using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Supervisor.Actors.Hosting;
using static Supervisor.Actors.Tests.Configuration.LoaderTestSupport;

namespace Supervisor.Actors.Tests.Configuration;

/// <summary><c>supervisor.data-dir</c>: what the reader accepts, and that the journal config names exactly that directory.</summary>
public sealed class DataDirConfigTests
{
    private static string Fleet(string dataDirLine) => $"{dataDirLine}\nsupervisor.devices.ups-a {{ {NutDevice} }}\n{RackA}";

    [Theory]
    [InlineData("supervisor.data-dir = \"\"")]
    [InlineData("supervisor.data-dir = \"   \"")]
    public void Load_should_report_supervisor_data_dir_when_it_is_empty(string line)
    {
        var error = SingleError(Load(Fleet(line)));
        Assert.Equal("supervisor.data-dir", error.Path);
        Assert.Contains("is empty", error.Message);
        Assert.Contains("data-dir = \"/var/lib/supervisor\"", error.Message);
    }

    [Fact]
    public void Load_should_report_supervisor_data_dir_when_it_holds_a_control_character()
    {
        var error = SingleError(Load(Fleet("supervisor.data-dir = \"data\\nmore\"")));
        Assert.Equal("supervisor.data-dir", error.Path);
        Assert.Contains("control character", error.Message);
    }

    public static TheoryData<string> AwkwardDirs => ["/srv/a;b", "/srv/quote\"d", "/srv/back\\slash", "/srv/eq=ual", "/srv/it's"];

    [Theory]
    [MemberData(nameof(AwkwardDirs))]
    public void Load_should_keep_the_path_as_written_when_it_holds_quotes_semicolons_or_backslashes(string dir)
    {
        var escaped = dir.Replace("\\", "\\\\").Replace("\"", "\\\"");
        Assert.Equal(dir, LoadValid(Fleet($"supervisor.data-dir = \"{escaped}\"")).DataDir);
    }

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
