using Supervisor.Domain.Doctor;
using Supervisor.Domain.Text;
using Supervisor.Node.Cli.Doctor;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli;

/// <summary>
/// <c>supervisor agent check [--config FILE] [--json]</c>: runs the dry-run probe of every action allow-listed in this
/// node's <c>supervisor.agent</c>, on this host, and prints one row each (the doctor's table). Nothing is acted on.
/// Exit 1 when a probe fails or the config has no agent, 0 otherwise.
/// </summary>
internal static class AgentCheckCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Config file (HOCON) with the supervisor.agent section. Default: config/supervisor.conf in this directory." };
        var json = new Option<bool>("--json") { Description = "Print the rows as JSON (the shape of doctor --json)." };
        var check = new Command("check", "Probe every allow-listed action of this node's agent as dry-run would (program present, host answers, what would be stopped); changes nothing.") { config, json };
        check.SetAction(async (parse, ct) => await RunAsync(new NodeOptions(parse.GetValue(config)), parse.GetValue(json), Console.Out, Console.Error, ct));
        return new Command("agent", "Commands for this node's host agent.") { check };
    }

    public static async Task<int> RunAsync(NodeOptions options, bool json, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        DemoConfigNotice.WriteTo(options, errors);
        var file = options.ResolveConfigFile();
        var result = NodeConfigurationBuilder.Build(options);
        if (result.Node is not { } loaded)
        {
            foreach (var e in result.Errors) errors.WriteLine($"error: {e}");
            errors.WriteLine($"agent check: {file} does not load; fix it first (see `supervisor validate {file}`)");
            return 1;
        }
        if (loaded.Settings.Agent is not { } agent)
        {
            errors.WriteLine($"agent check: {file} has no supervisor.agent section, so this node runs no agent; add one (docs/actions.md)");
            return 1;
        }
        var report = new DoctorReport(await AgentChecks.RunAsync(agent, ct));
        var text = json ? DoctorTable.Json(report) + "\n" : DoctorTable.Render(report);
        output.Write(SecretRedactor.For(loaded.Settings).Redact(text));
        return report.ExitCode;
    }
}
