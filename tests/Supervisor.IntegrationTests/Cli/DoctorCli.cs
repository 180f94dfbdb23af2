namespace Supervisor.IntegrationTests.Cli;

/// <summary>What the <c>supervisor doctor</c> tests share: a small node config, the run, and reading the table's rows.</summary>
internal static class DoctorCli
{
    public const string SimulatedUps = "ups-a { driver = simulated }";

    /// <summary>One device (<paramref name="devices"/>), a group around ups-a, a dry-run agent; <paramref name="extra"/> inside supervisor { }.</summary>
    public static string Config(string dataDir, string devices = SimulatedUps, string extra = "") => $$"""
        supervisor {
          data-dir = "{{dataDir}}"
          devices { {{devices}} }
          groups.rack { members = [ups-a], shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = sync } ] } ] }
          agent { host = hv-1, dry-run = on, actions { sync { command = ["sync"] } } }
          {{extra}}
        }
        """;

    public static Task<CliProcess.Result> RunAsync(string workDir, string config, params string[] more) =>
        CliProcess.RunInAsync(workDir, ["doctor", "--config", config, .. more]);

    /// <summary>The rows of the table (after the header; not the fix lines, not the summary), each "RESULT CHECK DETAIL".</summary>
    public static string[] Rows(CliProcess.Result r) =>
        r.Stdout.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith(' ') && !l.Contains(" failed, ", StringComparison.Ordinal)).ToArray();

    /// <summary>Asserts exit 1, no stack trace, and exactly one row matching <paramref name="match"/>, a FAIL; returns that row.</summary>
    public static string SingleFailRow(CliProcess.Result r, Func<string, bool> match)
    {
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Stdout}{r.Stderr}");
        AssertNoStackTrace(r);
        var row = Assert.Single(Rows(r), l => match(l));
        Assert.StartsWith("FAIL", row);
        return row;
    }

    public static void AssertNoStackTrace(CliProcess.Result r)
    {
        Assert.DoesNotContain("   at ", r.Stdout + r.Stderr);
        Assert.DoesNotContain("Unhandled exception", r.Stdout + r.Stderr);
    }
}
