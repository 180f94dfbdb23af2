using Supervisor.Actors.Groups;
using Supervisor.Domain.Groups;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// <c>supervisor maintenance start &lt;device&gt; --for 2h --reason "battery swap"</c>, <c>… end &lt;device&gt;</c>, <c>… list</c>:
/// take a device out of its groups' quorum for a while (docs/maintenance.md). Exit 0 = done, 1 = refused (the reason is
/// printed: unknown device, quorum would be impossible, a shutdown is running…), 2 = bad --for or no node answered.
/// </summary>
internal static class MaintenanceCommands
{
    public static Command Create()
    {
        var maintenance = new Command("maintenance", "Take a device out of its groups' quorum for a while (battery swap, service), end it, list who is out.");
        maintenance.Subcommands.Add(Start());
        maintenance.Subcommands.Add(End());
        maintenance.Subcommands.Add(List());
        return maintenance;
    }

    /// <summary>Who asks, as the journal, the log and the event record it: user@host, unless --by says otherwise.</summary>
    internal static Option<string> ByOption() => new("--by")
    {
        Description = "Who does it, for the journal and the event log (default: user@host).",
        DefaultValueFactory = _ => $"{Environment.UserName}@{Environment.MachineName}",
    };

    private static Argument<string> DeviceArgument() => new("device") { Description = "The device id, as `supervisor status` shows it." };

    private static Command Start()
    {
        var (target, json, by, device) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption(), ByOption(), DeviceArgument());
        var duration = new Option<string>("--for") { Description = "How long: 90s, 30m, 2h, 1d. It ends by itself then.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, for the journal and the event log.", Required = true };
        var command = target.AddTo(new Command("start", "Leave a device out of its groups' quorum until --for runs out (refused, with the reason, when that could start a shutdown).")
            { device, duration, reason, by, json });
        command.SetAction(p =>
        {
            var text = p.GetValue(duration)!;
            if (!CliTime.TryParseSpan(text, out var span))
            {
                Console.Error.WriteLine($"supervisor: --for \"{text}\" is not a duration; write a positive number with s, m, h, d or w (90s, 30m, 2h, 1d)");
                return Task.FromResult(2);
            }
            return InspectionCommands.Run(p, target, client => Answer(p.GetValue(json),
                client.AskAsync<MaintenanceResult>(new MaintenanceStart(p.GetValue(device)!, span, p.GetValue(reason)!, p.GetValue(by)!))));
        });
        return command;
    }

    private static Command End()
    {
        var (target, json, by, device) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption(), ByOption(), DeviceArgument());
        var command = target.AddTo(new Command("end", "End a device's maintenance now: it counts in its groups' quorum again, with its live health.") { device, by, json });
        command.SetAction(p => InspectionCommands.Run(p, target, client =>
            Answer(p.GetValue(json), client.AskAsync<MaintenanceResult>(new MaintenanceEnd(p.GetValue(device)!, p.GetValue(by)!)))));
        return command;
    }

    private static Command List()
    {
        var (target, json) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption());
        var command = target.AddTo(new Command("list", "Devices in maintenance: groups, until, reason, by.") { json });
        command.SetAction(p => InspectionCommands.Run(p, target, async client =>
        {
            var view = await client.AskAsync<MaintenanceListView>(MaintenanceList.Instance);
            var printed = InspectionCommands.Print(p.GetValue(json), view, () => InspectionTables.Maintenance(view.Windows));
            if (view.Unanswered.Count == 0) return printed;
            // The list is incomplete: say so, and do not let a script take it for the whole truth.
            Console.Error.WriteLine($"supervisor: group(s) {string.Join(", ", view.Unanswered)} did not answer in time; devices in maintenance there are not listed; try again");
            return 2;
        }));
        return command;
    }

    private static async Task<int> Answer(bool json, Task<MaintenanceResult> asking)
    {
        var result = await asking;
        if (json) Console.Out.WriteLine(JsonSerializer.Serialize(result, ReportCommand.Json));
        else if (result.Ok) Console.Out.WriteLine(result.Message);
        else Console.Error.WriteLine($"supervisor: refused: {result.Message}");
        return result.Ok ? 0 : 1;
    }

    /// <summary>"until" as the tables print it: local time with the UTC stamp the log uses.</summary>
    public static string Until(DateTimeOffset t) => $"{t.ToLocalTime():yyyy-MM-dd HH:mm:ss} ({MaintenanceRules.Stamp(t)})";
}
