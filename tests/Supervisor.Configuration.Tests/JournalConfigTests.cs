using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class JournalConfigTests
{
    [Fact]
    public void Journal_should_default_to_sqlite_under_the_data_dir()
    {
        Assert.Equal(JournalSettings.Sqlite, LoadValid(Base).Journal);
    }

    [Fact]
    public void Journal_should_read_a_postgresql_connection_string()
    {
        var j = LoadValid(Base + "\nsupervisor.journal { provider = postgresql, connection-string = \"Host=db;Database=s;Username=u;Password=secret\" }").Journal;
        Assert.Equal(JournalProvider.PostgreSql, j.Provider);
        Assert.Equal("Host=db;Database=s;Username=u;Password=secret", j.ConnectionString);
        Assert.DoesNotContain("secret", j.ToString());
    }

    [Fact]
    public void Journal_should_read_the_connection_string_from_the_environment()
    {
        Environment.SetEnvironmentVariable("SUPERVISOR_TEST_JOURNAL", "Host=env;Password=x");
        var j = LoadValid(Base + "\nsupervisor.journal { provider = postgresql, connection-string-env = SUPERVISOR_TEST_JOURNAL }").Journal;
        Assert.Equal("Host=env;Password=x", j.ConnectionString);
    }

    [Fact]
    public void Journal_should_refuse_an_unknown_provider()
    {
        Assert.Equal("supervisor.journal.provider", SingleError(Load(Base + "\nsupervisor.journal.provider = mongodb")).Path);
    }
}

public class FailsafeConfigTests
{
    [Fact]
    public void Failsafe_should_be_off_by_default()
    {
        Assert.False(LoaderTestSupport.LoadValid(Base).Agent!.Failsafe.Enabled);
    }

    [Fact]
    public void Failsafe_should_read_after_and_sequence()
    {
        var f = LoaderTestSupport.LoadValid(Base + "\nsupervisor.agent.failsafe { after = 90s, sequence = [poweroff] }").Agent!.Failsafe;
        Assert.Equal(TimeSpan.FromSeconds(90), f.After);
        Assert.Equal(["poweroff"], f.Sequence);
    }

}
