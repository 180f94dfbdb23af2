namespace Supervisor.IntegrationTests.Harness;

/// <summary>Runs one `supervisor …` CLI command as a real process and returns its exit code and output.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Took)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(NodeProcess.SupervisorDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var started = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return new Result(p.ExitCode, await stdout, await stderr, started.Elapsed);
    }
}
