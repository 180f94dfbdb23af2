namespace Supervisor.IntegrationTests.Cli;

/// <summary><c>supervisor run</c> as a real process refuses a broken config at once, naming the HOCON path.</summary>
public sealed class RunCommandProcessTests(ITestOutputHelper output) : ScenarioTest
{
    [Fact]
    public async Task Run_should_exit_1_quickly_and_print_the_error_with_its_hocon_path_when_the_config_is_broken()
    {
        var config = Scenario.WriteConfig("broken.conf", """
            supervisor {
              devices { ups-a { driver = simulated } }
              groups {
                rack {
                  members = [ups-a, ups-z]
                  shutdown { phases = [ { name = local-host, steps = [ { host = hv-1, action = poweroff } ] } ] }
                }
              }
            }
            """);
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Scenario.Dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { NodeProcess.SupervisorDll, "run", "--config", config, "--port", LoopbackPort.Free().ToString() })
            psi.ArgumentList.Add(a);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"supervisor run was still running after 15 s:\n{await stdout}\n{await stderr}");
        }
        var (outText, errText) = (await stdout, await stderr);
        output.WriteLine($"exit {process.ExitCode} after {clock.Elapsed.TotalSeconds:0.0}s\n--- stdout\n{outText}\n--- stderr\n{errText}");

        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"{config}: 1 error(s):", errText);
        Assert.Contains("error: supervisor.groups.rack.members: unknown device \"ups-z\"", errText);
        Assert.Contains("not starting until the config is fixed", errText);
        Assert.DoesNotContain("supervisor: node akka.tcp://", outText);
        Assert.False(Directory.Exists(Path.Combine(Scenario.Dir, "data")), "a refused node must not create its data dir");
    }
}
