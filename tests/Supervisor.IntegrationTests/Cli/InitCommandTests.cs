namespace Supervisor.IntegrationTests.Cli;

/// <summary>A real upsd serving two UPSes (ups1, ups2) and a monitor user whose password is long enough to search for.</summary>
public sealed class TwoUpsUpsd : IAsyncLifetime
{
    public const string User = "initcheck", Password = "s3cret-Init-pw";
    public UpsdServer Upsd { get; } = new() { ExtraUpsNames = ["ups2"], ExtraMonitors = new Dictionary<string, string> { [User] = Password } };
    public Task InitializeAsync() => Upsd.InitializeAsync();
    public Task DisposeAsync() => Upsd.DisposeAsync();
}

/// <summary>Issue 14 item 2: <c>supervisor init</c> and <c>discover</c> against a real upsd, and <c>report --raw</c> of what init wrote.</summary>
public sealed class InitCommandTests(TwoUpsUpsd fixture, ITestOutputHelper output) : ScenarioTest, IClassFixture<TwoUpsUpsd>
{
    private string Nut => $"127.0.0.1:{fixture.Upsd.Port}";

    private async Task<CliProcess.Result> Cli(params string[] args)
    {
        var result = await CliProcess.RunInAsync(Scenario.Dir, args);
        output.WriteLine($"$ supervisor {string.Join(' ', args)}\nexit {result.ExitCode}\n--- stdout\n{result.Stdout}\n--- stderr\n{result.Stderr}");
        return result;
    }

    [Fact]
    public async Task Init_against_a_real_upsd_with_two_upses_should_write_a_config_that_validates_and_that_run_supervises()
    {
        var init = await Cli("init", "--nut", Nut);
        Assert.Equal(0, init.ExitCode);
        var file = Path.Combine(Scenario.Dir, "supervisor.conf");
        var text = await File.ReadAllTextAsync(file);
        output.WriteLine(text);
        Assert.Contains("ups = \"ups1\"", text);
        Assert.Contains("ups = \"ups2\"", text);
        Assert.Contains("members = [ups1, ups2]", text);
        Assert.Contains("min-healthy = 1", text);
        Assert.Contains("dry-run = on", text);

        Assert.Equal(0, ValidateCli.Run(file, output).Exit);

        using var node = NodeProcess.Start("init-node", Scenario.Dir, file, LoopbackPort.Free(), output);
        await node.WaitForLineAsync(@"Device ups1: \w+ -> HEALTHY", TimeSpan.FromSeconds(60));
        await node.WaitForLineAsync(@"Device ups2: \w+ -> HEALTHY", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Init_should_refuse_to_overwrite_an_existing_file_and_name_it_with_output_and_force()
    {
        var file = Scenario.WriteConfig("mine.conf", "# my own config\n");
        var init = await Cli("init", "--nut", Nut, "--output", file);
        Assert.Equal(1, init.ExitCode);
        Assert.Contains($"{file} exists", init.Stderr);
        Assert.Contains("--output FILE", init.Stderr);
        Assert.Contains("--force", init.Stderr);
        Assert.Equal("# my own config\n", await File.ReadAllTextAsync(file));

        Assert.Equal(0, (await Cli("init", "--nut", Nut, "--output", file, "--force")).ExitCode);
        Assert.Contains("ups1", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Init_with_a_password_file_should_write_a_file_reference_never_the_password_and_still_validate()
    {
        var secretFile = Path.Combine(Scenario.Dir, "nut-password");
        await File.WriteAllTextAsync(secretFile, TwoUpsUpsd.Password + "\n");
        var file = Path.Combine(Scenario.Dir, "with-user.conf");
        var init = await Cli("init", "--nut", Nut, "--user", TwoUpsUpsd.User, "--password-file", secretFile, "--output", file);
        Assert.Equal(0, init.ExitCode);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains($"password = \"file:{secretFile}\"", text);
        Assert.DoesNotContain(TwoUpsUpsd.Password, text);
        Assert.DoesNotContain(TwoUpsUpsd.Password, init.Stdout + init.Stderr);
        Assert.Equal(0, ValidateCli.Run(file, output).Exit);
    }

    [Fact]
    public async Task Init_and_discover_with_a_wrong_password_should_say_upsd_denied_the_login_and_write_nothing()
    {
        var secretFile = Path.Combine(Scenario.Dir, "wrong-password");
        await File.WriteAllTextAsync(secretFile, "not-the-password\n");
        var discover = await Cli("discover", "--nut", Nut, "--user", TwoUpsUpsd.User, "--password-file", secretFile);
        Assert.Equal(1, discover.ExitCode);
        Assert.Contains($"upsd at {Nut} denied LOGIN", discover.Stderr);
        Assert.Contains("the --nut options", discover.Stderr);
        var init = await Cli("init", "--nut", Nut, "--user", TwoUpsUpsd.User, "--password-file", secretFile);
        Assert.Equal(1, init.ExitCode);
        Assert.Contains("nothing written", init.Stderr);
        Assert.False(File.Exists(Path.Combine(Scenario.Dir, "supervisor.conf")));
    }

    [Fact]
    public async Task Discover_should_list_every_ups_with_its_description_model_status_and_charge()
    {
        var discover = await Cli("discover", "--nut", Nut);
        Assert.Equal(0, discover.ExitCode);
        Assert.Contains($"upsd at {Nut}: 2 UPSes", discover.Stdout);
        Assert.Contains($"ups1@{Nut}: Supervisor test UPS", discover.Stdout);
        Assert.Contains($"ups2@{Nut}: Supervisor test UPS ups2", discover.Stdout);
        Assert.Contains("model: Test", discover.Stdout);
        Assert.Contains("status: OL", discover.Stdout);
        Assert.Contains("charge %: 90", discover.Stdout);
    }

    [Fact]
    public async Task Discover_should_name_the_host_and_the_fix_when_nothing_listens_there_without_a_stack_trace()
    {
        var nowhere = $"127.0.0.1:{LoopbackPort.Free()}";
        var discover = await Cli("discover", "--nut", nowhere);
        Assert.Equal(1, discover.ExitCode);
        Assert.Contains($"connection refused by upsd at {nowhere}", discover.Stderr);
        Assert.Contains("is upsd running", discover.Stderr);
        Assert.DoesNotContain("   at ", discover.Stderr);
    }

    [Fact]
    public async Task Report_raw_should_print_every_variable_upsd_returned_sorted_after_the_tables()
    {
        var file = Path.Combine(Scenario.Dir, "raw.conf");
        Assert.Equal(0, (await Cli("init", "--nut", Nut, "--output", file)).ExitCode);
        var report = new StringWriter();
        Assert.Equal(0, await ReportCommand.RunAsync(new NodeOptions(file), json: false, report, CancellationToken.None, raw: true));
        var text = report.ToString();
        output.WriteLine(text);
        var ups1 = text[text.IndexOf("ups1 (nut,", StringComparison.Ordinal)..];
        var lines = ups1.Split('\n').Skip(1).TakeWhile(l => l.Contains(": ")).ToList();
        Assert.Contains("battery.charge: 100", lines);
        Assert.Contains("ups.mfr: Supervisor", lines);
        Assert.Contains("ups.status: OL", lines);
        // Sorted by name, as upsc prints them (driver.version before driver.version.internal).
        var names = lines.Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
