using Supervisor.Domain.Doctor;
using Supervisor.Domain.Text;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// <c>supervisor doctor [--config FILE] [--node host:port] [--json]</c>: one table of checks for this node (config,
/// data dir, journal, stats store, devices, certificates; with --node the running cluster too), each failure with its
/// fix. Exit 1 when any check fails, 0 otherwise (warnings included). Nothing is changed or repaired.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Config file (HOCON). Default: config/supervisor.conf in this directory, else the built-in simulated demo fleet (said on the first line)." };
        var node = new Option<string?>("--node", "-n") { Description = "Also ask this running node (host:port): does it answer, are all members reachable, are their journals healthy." };
        var json = new Option<bool>("--json") { Description = "Print the same rows as JSON (shape in docs/cli.md)." };
        var command = new Command("doctor", "Check this node: config, data dir, journal, stats store, devices and certificates; each failure with its fix.") { config, node, json };
        command.SetAction(async (parse, ct) => await RunAsync(new NodeOptions(parse.GetValue(config)), parse.GetValue(node), parse.GetValue(json), Console.Out, ct));
        return command;
    }

    public static async Task<int> RunAsync(NodeOptions options, string? node, bool json, TextWriter output, CancellationToken ct)
    {
        DemoConfigNotice.WriteTo(options, Console.Error);
        var (checks, settings) = Config(options);
        if (settings is not null)
        {
            checks.AddRange(DataDirChecks.Run(settings.DataDir));
            checks.AddRange(await StoreChecks.RunAsync(settings, ct));
            checks.AddRange(await DeviceChecks.RunAsync(settings, ct));
            checks.AddRange(CertificateChecks.Run(settings, DateTimeOffset.UtcNow));
            if (settings.Agent is { } agent) checks.AddRange(await AgentChecks.RunAsync(agent, ct));
            if (node is not null) checks.AddRange(await NodeChecks.RunAsync(node, settings.Tls));
        }
        var report = new DoctorReport(checks);
        var text = json ? DoctorTable.Json(report) + "\n" : DoctorTable.Render(report);
        // Devices and servers are quoted in details: a configured secret they echo back is masked.
        output.Write(settings is null ? text : SecretRedactor.For(settings).Redact(text));
        return report.ExitCode;
    }

    /// <summary>The config as <c>validate</c> loads it: each error a failure (and nothing else can be checked), each warning a warning.</summary>
    private static (List<DoctorCheck> Checks, SupervisorSettings? Settings) Config(NodeOptions options)
    {
        var file = options.ResolveConfigFile();
        var result = NodeConfigurationBuilder.Build(options);
        var validate = $"see `supervisor validate {file}`";
        var checks = result.Errors.Select(e => DoctorCheck.FromMessage("config", CheckStatus.Fail, e.ToString(), validate)).ToList();
        checks.AddRange(result.Warnings.Select(w => DoctorCheck.FromMessage("config", CheckStatus.Warn, w.ToString(), validate)));
        if (result.Node is { } loaded)
            checks.Insert(0, DoctorCheck.Ok("config", $"{file}: valid ({loaded.Settings.Devices.Count} device(s), {loaded.Settings.Groups.Count} group(s))"));
        return (checks, result.Node?.Settings);
    }
}
