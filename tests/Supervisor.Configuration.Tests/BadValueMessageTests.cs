using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>Values that used to pass, or to fail with a misleading message, now get an error at their key with the fix.</summary>
public sealed class BadValueMessageTests
{
    [Theory]
    [InlineData("99999999999999d")]
    [InlineData("9999999999999999999999999s")]
    [InlineData("3651d")]
    public void Loader_should_say_too_long_when_a_duration_overflows_or_exceeds_ten_years(string value)
    {
        var e = AssertRejected(Device($"{NutDevice}, poll-interval = {value}"), "supervisor.devices.ups-a.poll-interval", "is too long; a duration may be at most 3650d");
        Assert.DoesNotContain("is not a duration", e.Message);
    }

    [Fact]
    public void Loader_should_accept_a_duration_when_it_is_exactly_ten_years()
    {
        Assert.Equal(TimeSpan.FromDays(3650), LoadValid(Device($"{NutDevice}, stabilize = 3650d")).Devices.Single().Stabilize);
    }

    [Theory]
    [InlineData("nut", "host = \"10.0.0.1\\nLIST UPS\", ups = ups1", "host", "line break")]
    [InlineData("nut", "host = \"10.0.0.1 x\", ups = ups1", "host", "space")]
    [InlineData("apcupsd", "host = \"nis\\u001b[31m\"", "host", "control character")]
    [InlineData("kasa", "host = \"plug\\rx\"", "host", "line break")]
    [InlineData("nut", "host = \"10.0.0.1\", ups = \"ups1\\nLOGOUT\"", "ups", "line break")]
    public void Loader_should_refuse_a_host_or_nut_name_when_it_holds_a_line_break_space_or_control(string driver, string body, string key, string what)
    {
        var e = AssertRejected(Device($"driver = {driver}, {body}"), $"supervisor.devices.ups-a.{key}", $"contains a {what}");
        // Ordinal: a culture-aware search treats ESC as ignorable and "finds" it everywhere.
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_should_refuse_a_nut_password_with_a_line_break_without_showing_it()
    {
        var e = AssertRejected(Device($"{NutDevice}, username = mon, password = \"s3cret\\nLOGOUT\""), "supervisor.devices.ups-a.password");
        Assert.DoesNotContain("s3cret", e.Message);
    }

    [Theory]
    [InlineData("Host=;;;=Port=abc", "malformed")]
    [InlineData("Host=db;Port=abc;Password=hunter2", "bad value for port")]
    [InlineData("Host=db;Password=hunter;2x=1", "unknown keyword")]
    [InlineData("Port=5432;Database=supervisor;Password=hunter2", "has no Host")]
    public void Loader_should_name_the_key_when_the_postgresql_connection_string_is_unusable(string connection, string why)
    {
        var e = AssertRejected($"supervisor.journal {{ provider = postgresql, connection-string = \"{connection}\" }}", "supervisor.journal.connection-string", why);
        Assert.DoesNotContain("hunter", e.Message);
    }

    [Fact]
    public void Loader_should_accept_a_postgresql_connection_string_when_npgsql_can_read_it()
    {
        var s = LoadValid("supervisor.journal { provider = postgresql, connection-string = \"Host=db;Port=5432;Database=s;Username=u;Password='pa;ss'\" }");
        Assert.Equal(Domain.Configuration.JournalProvider.PostgreSql, s.Journal.Provider);
    }

    /// <summary>Found by the config fuzz: .NET's path functions throw for a NUL, which surfaced as "this is a bug" or a crash in Build.</summary>
    [Theory]
    [InlineData("supervisor.data-dir = \"da\\u0000ta\"", "supervisor.data-dir")]
    [InlineData("supervisor.devices.ups-a { username = mon, password-file = \"pw\\u0000\" }", "supervisor.devices.ups-a.password-file")]
    [InlineData("supervisor.tls { enabled = on, certificate = \"a\\u0000.pfx\", ca-certificate = \"ca.crt\" }", "supervisor.tls.certificate")]
    public void Loader_should_refuse_a_file_name_when_it_holds_a_control_character(string setting, string key)
    {
        var r = Load(Device(NutDevice) + "\n" + setting);
        var e = Assert.Single(r.Errors, e => e.Path == key);
        Assert.Contains("contains a control character, which no file name can hold", e.Message);
        Assert.DoesNotContain(r.Errors, x => x.Message.Contains("this is a bug", StringComparison.Ordinal));
    }
}
