using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class JournalConfigTests
{
    private const string Base = "supervisor.devices.ups-a { driver = nut, host = \"127.0.0.1\", ups = ups1 }\n" + RackA;

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
    public void Journal_should_require_a_connection_string_for_postgresql()
    {
        var e = SingleError(Load(Base + "\nsupervisor.journal.provider = postgresql"));
        Assert.Equal("supervisor.journal.connection-string", e.Path);
        Assert.Contains("provider = postgresql needs one of connection-string", e.Message);
    }

    [Fact]
    public void Journal_should_name_an_unset_environment_variable()
    {
        var e = SingleError(Load(Base + "\nsupervisor.journal { provider = postgresql, connection-string-env = SUPERVISOR_TEST_NOT_SET_ANYWHERE }"));
        Assert.Equal("supervisor.journal.connection-string-env", e.Path);
        Assert.Contains("\"SUPERVISOR_TEST_NOT_SET_ANYWHERE\" is not set", e.Message);
    }

    [Fact]
    public void Journal_should_refuse_an_unknown_provider()
    {
        Assert.Equal("supervisor.journal.provider", SingleError(Load(Base + "\nsupervisor.journal.provider = mongodb")).Path);
    }
}

public class FailsafeConfigTests
{
    private const string Base = "supervisor.devices.ups-a { driver = nut, host = \"127.0.0.1\", ups = ups1 }\n" + LoaderTestSupport.RackA;

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

    [Fact]
    public void Failsafe_should_refuse_an_action_that_is_not_allow_listed()
    {
        var e = LoaderTestSupport.SingleError(LoaderTestSupport.Load(Base + "\nsupervisor.agent.failsafe.sequence = [poweroff, rm-rf]"));
        Assert.Equal("supervisor.agent.failsafe.sequence[1]", e.Path);
        Assert.Contains("\"rm-rf\" is not an action of this agent (actions: poweroff)", e.Message);
    }
}
