using Spectre.Console;
using Supervisor.Domain.Reports;
using Supervisor.Domain.Text;
using Supervisor.Drivers;
using Supervisor.Node.Hosting;

namespace Supervisor.Node.Cli;

/// <summary>
/// <c>supervisor report [--json] [--config FILE]</c>: polls every configured device once, directly (no running
/// node needed), and prints per device and per group: state, power, energy, runtime and the budget check.
/// </summary>
internal static class ReportCommand
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Config file (HOCON). Default: config/supervisor.conf in this directory, else the built-in simulated demo fleet (said on the first line)." };
        var json = new Option<bool>("--json") { Description = "Print JSON (shape in docs/cli.md) instead of tables." };
        var raw = new Option<bool>("--raw") { Description = "After the report tables, print every variable each device returned (NUT: all of LIST VAR, like upsc), sorted. Not with --json." };
        var command = new Command("report", "Poll every device once and report power, energy, runtime and budgets per device and group.") { config, json, raw };
        command.SetAction(async (parse, ct) => await RunAsync(new NodeOptions(parse.GetValue(config)), parse.GetValue(json), Console.Out, ct, parse.GetValue(raw)));
        return command;
    }

    public static async Task<int> RunAsync(NodeOptions options, bool json, TextWriter output, CancellationToken ct, bool raw = false)
    {
        DemoConfigNotice.WriteTo(options, Console.Error);
        var result = NodeConfigurationBuilder.Build(options);
        if (result.Node is not { } node)
        {
            ConfigReport.PrintErrors(result.Errors, options.ResolveConfigFile(), Console.Error);
            return 1;
        }
        // What devices answer is foreign: a configured secret they echo back is masked in every field, and again in the
        // finished text, whatever field it ended up in.
        var redactor = SecretRedactor.For(node.Settings);
        var polls = await Task.WhenAll(node.Settings.Devices.Select(d => PollOnceAsync(d, ct)));
        polls = polls.Select(p => p with { Reading = p.Reading is { } r ? r with { RawStatus = redactor.Redact(r.RawStatus) } : null, Error = redactor.RedactOrNull(p.Error) }).ToArray();
        var report = await ReportHistory.AddLast24hAsync(FleetReport.Build(node.Settings, polls, DateTimeOffset.UtcNow), node.Settings, Console.Error, ct);
        var text = new StringWriter();
        if (json) text.WriteLine(JsonSerializer.Serialize(report, Json));
        else Render(report, text);
        if (raw && !json) RawVariables.WriteTo(node.Settings.Devices, polls, text);
        output.Write(redactor.Redact(text.ToString()));
        return 0;
    }

    /// <summary>One read of <paramref name="device"/> with its own timeout (also <c>doctor</c>'s device check); a failure is the poll's Error, never thrown.</summary>
    internal static async Task<DevicePoll> PollOnceAsync(DeviceSettings device, CancellationToken ct)
    {
        try
        {
            await using var driver = DeviceDriverFactory.Create(device, TimeProvider.System);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(device.Timeout + TimeSpan.FromSeconds(1));
            var reading = await driver.ReadAsync(timeout.Token);
            return new DevicePoll(device.Id, reading, null) { Variables = driver.LastVariables };
        }
        catch (DeviceException e)
        {
            return new DevicePoll(device.Id, null, e.Message);
        }
        catch (Exception e)
        {
            return new DevicePoll(device.Id, null, $"device \"{device.Id}\": {e.GetType().Name}: {e.Message}");
        }
    }

    private static void Render(FleetReport r, TextWriter output)
    {
        // Rendered into a buffer (for redaction), so the colour decision is made for the real standard output.
        var console = TerminalColour.ConsoleFor(output);
        if (Console.IsOutputRedirected || console.Profile.Width < 120) console.Profile.Width = 160; // pipes and logs: don't wrap every cell
        var devices = new Table().Title("Devices").AddColumns("Device", "Driver", "State", "Power W", "Energy kWh", "Charge %", "Runtime", "Last 24 h", "Note");
        foreach (var d in r.Devices)
            devices.AddRow(Esc(d.Id), Esc(d.Driver), Esc(d.State), Num(d.PowerWatts), Num(d.EnergyKwh, "0.###"), Num(d.ChargePercent),
                Runtime(d.RuntimeSeconds, d.RuntimeEstimated), Esc(ReportHistory.Describe(d.Last24h)),
                Esc(d.Error ?? (d.OverCapacity ? $"OVER CAPACITY ({d.CapacityWatts} W); {d.Reason}" : d.Reason)));
        var groups = new Table().Title("Groups").AddColumns("Group", "State", "Healthy", "Power W", "Energy kWh", "Runtime", "Budget W");
        foreach (var g in r.Groups)
            groups.AddRow(Esc(g.Id), Esc(g.State), $"{g.Healthy} (need {g.MinHealthy})", Num(g.PowerWatts), Num(g.EnergyKwh, "0.###"),
                Runtime(g.RuntimeSeconds, false), g.PowerBudgetWatts is null ? "-" : g.OverBudget ? $"OVER {g.PowerBudgetWatts}" : $"{g.PowerBudgetWatts}");
        console.Write(devices);
        WriteDetails(console, r.Devices);
        console.Write(groups);
    }

    /// <summary>What upsc users read first: model, serial, status flags, load, voltages, temperature; only devices that report some of it.</summary>
    private static void WriteDetails(IAnsiConsole console, IReadOnlyList<DeviceLine> lines)
    {
        var plates = lines.Where(d => d.Nameplate is { HasDetails: true }).ToList();
        if (plates.Count == 0) return;
        var t = new Table().Title("Device details").AddColumns("Device", "Model", "Serial", "Status", "Load %", "Input V", "Output V", "Battery V", "Temp °C");
        foreach (var d in plates)
        {
            var p = d.Nameplate!;
            t.AddRow(Esc(d.Id), Esc(p.Model ?? "-"), Esc(p.Serial ?? "-"), Esc(p.Status ?? "-"), Num(p.LoadPercent), Num(p.InputVoltage),
                Num(p.OutputVoltage), Num(p.BatteryVoltage), Num(p.TemperatureC));
        }
        console.Write(t);
    }

    private static string Esc(string s) => Markup.Escape(ForeignText.Escape(s));
    private static string Num(double? v, string format = "0.#") => v?.ToString(format, System.Globalization.CultureInfo.InvariantCulture) ?? "-";
    private static string Runtime(double? s, bool estimated) => s is null ? "-" : $"{TimeSpan.FromSeconds(s.Value):h\\:mm\\:ss}{(estimated ? " (est.)" : "")}";
}
