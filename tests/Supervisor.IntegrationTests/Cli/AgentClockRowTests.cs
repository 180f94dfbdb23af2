using Supervisor.Node.Cli.Doctor;

namespace Supervisor.IntegrationTests.Cli;

/// <summary>doctor --node's clock-skew row: within 2 s OK, beyond it a warning, beyond a minute a failure, each with the fix.</summary>
public class AgentClockRowTests
{
    [Theory]
    [InlineData(0.4, "Ok", "+0.4s from n")]
    [InlineData(-5, "Warn", "-5.0s from n: more than 2s apart")]
    [InlineData(90, "Fail", "+90.0s from n: the clocks disagree by more than a minute")]
    public void The_clock_row_grades_the_skew(double seconds, string status, string detail)
    {
        var row = AgentProbeRows.Clock("hv-1", TimeSpan.FromSeconds(seconds), "n");
        Assert.Equal((status, detail), (row.Status.ToString(), row.Detail));
        if (row.Status != Supervisor.Domain.Doctor.CheckStatus.Ok) Assert.Contains("chrony", row.Fix);
    }
}
