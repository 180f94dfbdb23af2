namespace Supervisor.IntegrationTests.Harness;

/// <summary>Runs one `supervisor …` CLI command as a real process and returns its exit code and output.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Took)
    {
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    public static Task<Result> RunAsync(params string[] args) => RunWithEnvironmentAsync(NodeProcess.EnvironmentWith(), args);

    /// <summary>As <see cref="RunAsync"/>, with <paramref name="environment"/> set for the command (a null value removes the variable).</summary>
    public static Task<Result> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync(environment, null, args);

    /// <summary>As <see cref="RunAsync(string[])"/>, in <paramref name="workingDirectory"/> (what relative paths and defaults resolve against).</summary>
    public static Task<Result> RunInAsync(string workingDirectory, params string[] args) =>
        RunAsync(NodeProcess.EnvironmentWith(), workingDirectory, args);

    private static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, string? workingDirectory, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var (variable, value) in environment) psi.Environment[variable] = value;
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
