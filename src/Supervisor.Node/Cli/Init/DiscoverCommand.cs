using Supervisor.Domain.Text;

namespace Supervisor.Node.Cli.Init;

/// <summary>
/// <c>supervisor discover --nut host[:port] | --apcupsd host[:port]</c>: what a UPS server knows, printed like <c>upsc</c>
/// (each UPS, its description, then model, status and charge). Exit 1 when any server did not answer.
/// </summary>
internal static class DiscoverCommand
{
    /// <summary>The variables shown per UPS, NUT name then apcupsd name: model, status, charge (and runtime, load).</summary>
    private static readonly (string Label, string[] Names)[] Shown =
    [
        ("model", ["device.model", "ups.model", "MODEL"]),
        ("status", ["ups.status", "STATUS"]),
        ("charge %", ["battery.charge", "BCHARGE"]),
        ("runtime", ["battery.runtime", "TIMELEFT"]),
        ("load %", ["ups.load", "LOADPCT"]),
    ];

    public static Command Create()
    {
        var devices = new DeviceOptions();
        var command = new Command("discover", "List the UPSes a NUT upsd (LIST UPS) or an apcupsd serves, with model, status and charge, in the style of upsc.");
        foreach (var o in devices.All(plugsAndMeters: false)) command.Options.Add(o);
        command.SetAction(async (parse, ct) => await RunAsync(devices, parse, Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(DeviceOptions devices, ParseResult parse, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!devices.AnyGiven(parse))
        {
            error.WriteLine("supervisor discover: name a server, e.g. `supervisor discover --nut 192.168.1.10` or `--apcupsd 192.168.1.10:3551`");
            return 1;
        }
        var results = await devices.ProbeAsync(parse, ct);
        foreach (var r in results.Where(r => r.Error is null))
        {
            output.WriteLine($"{r.Target}: {r.Devices.Count} UPS{(r.Devices.Count == 1 ? "" : "es")}");
            foreach (var d in r.Devices)
            {
                output.WriteLine($"  {ForeignText.Escape(d.Title)}");
                foreach (var (label, names) in Shown)
                    if (names.Select(n => d.Variables.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrEmpty(v)) is { } value)
                        output.WriteLine($"    {label}: {ForeignText.Escape(value)}");
            }
        }
        if (results.Any(r => r.Error is null))
            output.WriteLine("Write a config for them: supervisor init with the same options.");
        return DeviceOptions.ReportFailures(results, error) ? 1 : 0;
    }
}
