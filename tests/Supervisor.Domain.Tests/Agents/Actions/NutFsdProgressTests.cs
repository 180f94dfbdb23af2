using Supervisor.Domain.Agents.Actions;

namespace Supervisor.Domain.Tests.Agents.Actions;

public sealed class NutFsdProgressTests
{
    [Fact]
    public void NUMLOGINS_is_read_for_the_asked_UPS() =>
        Assert.Equal(3, NutFsdProgress.ParseNumLogins("NUMLOGINS ups1 3", "ups1", out _));

    [Theory]
    [InlineData("NUMLOGINS ups2 3")]
    [InlineData("NUMLOGINS ups1 -1")]
    [InlineData("NUMLOGINS ups1")]
    [InlineData("VAR ups1 ups.status \"OL\"")]
    [InlineData("NUMLOGINS ups1 \"unterminated")]
    public void Anything_else_is_refused_quoting_the_line(string line)
    {
        Assert.Null(NutFsdProgress.ParseNumLogins(line, "ups1", out var problem));
        Assert.Contains("expected \"NUMLOGINS ups1 <count>\"", problem);
    }

    [Theory]
    [InlineData(2, false, 2)]
    [InlineData(2, true, 1)]
    [InlineData(0, true, 0)]
    public void Our_own_login_is_not_a_secondary(int numLogins, bool loggedIn, int secondaries) =>
        Assert.Equal(secondaries, NutFsdProgress.Secondaries(numLogins, loggedIn));

    [Fact]
    public void All_gone_says_how_many_and_how_long() =>
        Assert.Equal("FSD set; 1 of 1 secondaries logged out after 6s", NutFsdProgress.Summary(1, 0, TimeSpan.FromSeconds(6.2), TimeSpan.FromSeconds(60)));

    [Fact]
    public void Some_left_at_the_timeout_says_how_many_remain() =>
        Assert.Equal("FSD set; 1 of 3 secondaries logged out, 2 still logged in after the 60s timeout",
            NutFsdProgress.Summary(3, 2, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(60)));

    [Fact]
    public void None_logged_in_says_so() =>
        Assert.Contains("no secondaries were logged in", NutFsdProgress.Summary(0, 0, TimeSpan.Zero, TimeSpan.FromSeconds(60)));

    [Fact]
    public void The_probe_summary_counts_in_singular_and_plural()
    {
        Assert.Contains("FSD would tell 1 secondary logged in", NutFsdProgress.ProbeSummary("ups1", "nas:3493", "admin", 1));
        Assert.Contains("FSD would tell 2 secondaries logged in", NutFsdProgress.ProbeSummary("ups1", "nas:3493", "admin", 2));
    }
}
