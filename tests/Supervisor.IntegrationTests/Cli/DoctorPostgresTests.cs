using Supervisor.Tests.RealServers;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>
/// <c>supervisor doctor</c> with <c>journal.provider = postgresql</c>: a server that answers is OK, one that does not
/// is a FAIL with the fix; the connection string's password is never printed either way.
/// </summary>
public sealed class DoctorPostgresTests(PostgresServer pg) : ScenarioTest, IClassFixture<PostgresServer>
{
    private const string Password = "Doctor7sEcret9pw";

    private string Config(string connectionString) => Scenario.WriteConfig("node.conf",
        DoctorCli.Config(Path.Combine(Scenario.Dir, "data"), extra: $"journal {{ provider = postgresql, connection-string = \"{connectionString}\" }}"));

    [Fact]
    public async Task Doctor_should_say_the_postgresql_journal_answers_without_printing_its_password()
    {
        var connection = await pg.CreateDatabaseWithOwnRoleAsync(Password);
        var r = await DoctorCli.RunAsync(Scenario.Dir, Config(connection));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains(DoctorCli.Rows(r), l => l.StartsWith("OK      journal ", StringComparison.Ordinal) && l.Contains($"127.0.0.1:{pg.Port}/", StringComparison.Ordinal) && l.Contains("answers", StringComparison.Ordinal));
        Assert.Contains(DoctorCli.Rows(r), l => l.StartsWith("OK      stats store ", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task Doctor_should_exit_1_with_the_fix_and_without_the_password_when_postgresql_does_not_answer()
    {
        var port = LoopbackPort.Free();
        var r = await DoctorCli.RunAsync(Scenario.Dir, Config($"Host=127.0.0.1;Port={port};Database=nowhere;Username=akka;Password={Password}"));
        var row = DoctorCli.SingleFailRow(r, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\S+ +journal  "));
        Assert.Contains($"PostgreSQL 127.0.0.1:{port}/nowhere does not answer", row);
        Assert.Contains("fix: start PostgreSQL or fix supervisor.journal.connection-string", r.Stdout);
        Assert.DoesNotContain(Password, r.Stdout + r.Stderr);
    }
}
