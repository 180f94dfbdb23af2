namespace Supervisor.IntegrationTests.Harness;

/// <summary>Cluster waits through the real CLI (the leader that logs "moving to Up" may be any node).</summary>
public static class ClusterCli
{
    public static async Task WaitForUpAsync(int port, int members, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        CliProcess.Result? last = null;
        while (DateTime.UtcNow < until)
        {
            last = await CliProcess.RunAsync("cluster", "show", "--json", "--node", $"127.0.0.1:{port}");
            if (last.ExitCode == 0 && last.Json.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up") == members)
                return;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"{members} members not Up as seen by :{port} within {timeout.TotalSeconds}s; last: {last?.Stdout}{last?.Stderr}");
    }
}
