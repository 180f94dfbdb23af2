namespace Supervisor.IntegrationTests.Cli;

/// <summary>Issue 14 item 2: <c>supervisor init</c> with a real apcupsd and the Kasa simulator writes a config that validates and runs.</summary>
public sealed class InitSimulatorTests(ApcupsdServer apcupsd, KasaSimulator kasa, ITestOutputHelper output)
    : ScenarioTest, IClassFixture<ApcupsdServer>, IClassFixture<KasaSimulator>
{
    [Fact]
    public async Task Init_with_apcupsd_and_a_kasa_plug_should_write_a_config_that_validates_and_that_run_supervises()
    {
        await kasa.ResetAsync();
        await kasa.SetRelayAsync(KasaSimulator.Hs110, on: true); // the simulated HS110 starts switched off
        var file = Path.Combine(Scenario.Dir, "supervisor.conf");
        var init = await CliProcess.RunInAsync(Scenario.Dir, "init", "--apcupsd", $"{apcupsd.Host}:{apcupsd.Port}",
            "--kasa", $"{kasa.Host}:{kasa.Port(KasaSimulator.Hs110)}");
        output.WriteLine($"exit {init.ExitCode}\n{init.Stdout}\n{init.Stderr}");
        Assert.Equal(0, init.ExitCode);
        var text = await File.ReadAllTextAsync(file);
        output.WriteLine(text);
        Assert.Contains("driver = apcupsd", text);
        Assert.Contains("driver = kasa", text);
        Assert.Equal(0, ValidateCli.Run(file, output).Exit);

        var plug = Regex.Match(text, @"(plug-[a-z0-9-]+) \{").Groups[1].Value;
        var ups = Regex.Match(text, @"\n    ([a-z0-9-]+) \{\n      driver = apcupsd").Groups[1].Value;
        using var node = NodeProcess.Start("init-sim-node", Scenario.Dir, file, LoopbackPort.Free(), output);
        await node.WaitForLineAsync($@"Device {ups}: \w+ -> HEALTHY", TimeSpan.FromSeconds(60));
        await node.WaitForLineAsync($@"Device {plug}: \w+ -> HEALTHY", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Discover_apcupsd_should_print_its_model_status_and_charge()
    {
        var discover = await CliProcess.RunInAsync(Scenario.Dir, "discover", "--apcupsd", $"{apcupsd.Host}:{apcupsd.Port}");
        output.WriteLine($"exit {discover.ExitCode}\n{discover.Stdout}\n{discover.Stderr}");
        Assert.Equal(0, discover.ExitCode);
        Assert.Contains($"apcupsd at {apcupsd.Host}:{apcupsd.Port}: 1 UPS", discover.Stdout);
        Assert.Matches(@"status: ONLINE", discover.Stdout);
        Assert.Matches(@"charge %: \d", discover.Stdout);
    }
}
