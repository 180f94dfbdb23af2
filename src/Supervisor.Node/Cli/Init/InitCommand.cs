using Supervisor.Domain.Configuration.Init;

namespace Supervisor.Node.Cli.Init;

/// <summary>
/// <c>supervisor init --nut host[:port] … [--output FILE] [--force]</c>: reads every named device once and writes a
/// commented config for them (one group, a dry-run local agent) that <c>validate</c> accepts. Never overwrites a file
/// unless told to, and never writes a secret: a password is a <c>file:</c> reference.
/// </summary>
internal static class InitCommand
{
    public const string DefaultOutput = "supervisor.conf";

    public static Command Create()
    {
        var devices = new DeviceOptions();
        var outputFile = new Option<string>("--output", "-o") { Description = $"Where to write the config. Default: {DefaultOutput} in this directory.", DefaultValueFactory = _ => DefaultOutput };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file if it exists." };
        var command = new Command("init", "Write a commented, valid config for your own UPSes, plugs and meters (each read once to confirm it answers).") { outputFile, force };
        foreach (var o in devices.All(plugsAndMeters: true)) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
            await RunAsync(devices, parse, parse.GetValue(outputFile)!, parse.GetValue(force), "supervisor " + string.Join(' ', parse.Tokens.Select(t => t.Value)), Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(DeviceOptions devices, ParseResult parse, string file, bool force, string commandLine, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!devices.AnyGiven(parse))
        {
            error.WriteLine("supervisor init: name your devices, e.g. `supervisor init --nut 192.168.1.10` (also --apcupsd, --kasa, --shelly, --modbus HOST --map sdm630)");
            return 1;
        }
        // Checked before any device is read: a refusal should not wait for the network.
        if (File.Exists(file) && !force)
        {
            error.WriteLine($"supervisor init: {file} exists; not overwriting it. Write elsewhere with --output FILE, or replace it with --force");
            return 1;
        }
        var results = await devices.ProbeAsync(parse, ct);
        if (DeviceOptions.ReportFailures(results, error))
        {
            error.WriteLine($"supervisor init: nothing written to {file}; fix the above (or leave that option out) and run it again");
            return 1;
        }
        var found = results.SelectMany(r => r.Devices).Select(d => d.Device).ToList();
        var text = InitConfigText.Write(new InitPlan(commandLine, found, AgentHost()));
        try
        {
            await File.WriteAllTextAsync(file, text, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"supervisor init: cannot write {file} ({e.Message}); choose a writable place with --output FILE");
            return 1;
        }
        output.WriteLine($"Wrote {file}: {found.Count} device(s) ({string.Join(", ", found.Select(d => d.Id))}), group {InitConfigText.GroupId}, agent {AgentHost()} in dry-run.");
        output.WriteLine($"Next: supervisor validate {file}   then   supervisor run --config {file}");
        return 0;
    }

    /// <summary>This host's agent id: its host name as an id, so steps name the machine they run on.</summary>
    private static string AgentHost() => ConfigIds.Plain(Environment.MachineName) is { Length: > 0 } h ? h : "this-host";
}
