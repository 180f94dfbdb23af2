using Supervisor.Actors.Alerts;
using Supervisor.Domain.Alerts;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>
/// <c>supervisor alerts list | ack &lt;rule&gt;/&lt;subject&gt; | silence &lt;rule|subject&gt; --for 2h | unsilence &lt;rule|subject&gt;</c>,
/// answered by the alerts singleton through the inspector. Exit 0 = done, 1 = refused (the message says why),
/// 2 = no node answered or no rule is configured.
/// </summary>
internal static class AlertsCommands
{
    public static Command Create()
    {
        var alerts = new Command("alerts", "Alert rules: what fires, acknowledge, silence.");
        alerts.Subcommands.Add(List());
        alerts.Subcommands.Add(Verb("ack", "Acknowledge a firing alert: no reminders until it resolves (the ack ends then).", "alert",
            "The alert as `alerts list` shows it: <rule>/<subject>.", (text, _, by) => new AlertAckRequest(text, by)));
        alerts.Subcommands.Add(Verb("silence", "Tell no one about a rule's (or a subject's) alerts for a while. Never applies to power events.", "target",
            "A rule id or a subject (device or group id, or glob).", (text, span, by) => new AlertSilenceRequest(text, span, by), withFor: true));
        alerts.Subcommands.Add(Verb("unsilence", "End a silence before its time.", "target",
            "The rule or subject as it was silenced.", (text, _, by) => new AlertUnsilenceRequest(text, by)));
        return alerts;
    }

    private static Command List()
    {
        var (target, json) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption());
        var command = target.AddTo(new Command("list", "Every alert: rule, subject, status, since, value, acked by, silenced until.") { json });
        command.SetAction(p => InspectionCommands.Run(p, target, async client =>
        {
            var view = await client.AskAsync<AlertsListView>(AlertsListRequest.Instance);
            return InspectionCommands.Print(p.GetValue(json), view, () => Console.Out.Write(Table(view, DateTimeOffset.UtcNow)));
        }));
        return command;
    }

    /// <summary>The list as a table; firing first, then pending, NO-DATA, the rest.</summary>
    internal static string Table(AlertsListView view, DateTimeOffset now)
    {
        var sb = new System.Text.StringBuilder();
        if (view.Alerts.Count == 0) sb.AppendLine("no alert has seen a value yet (rules wait for their subjects' first reading)");
        else
        {
            var rows = view.Alerts.OrderBy(a => Rank(a.Status)).ThenBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.Subject, StringComparer.Ordinal)
                .Select(a => new[]
                {
                    a.Rule, a.Subject, Status(a.Status), a.Since is { } s ? $"{s:yyyy-MM-dd HH:mm:ss} ({AlertText.Duration(now - s)} ago)" : "-",
                    a.Value is { } v ? AlertText.Number(v) : "-", a.AckedBy ?? "-", a.SilencedUntil is { } u ? $"{u:yyyy-MM-dd HH:mm}" : "-",
                }).Prepend(["RULE", "SUBJECT", "STATUS", "SINCE (UTC)", "VALUE", "ACKED BY", "SILENCED UNTIL"]).ToList();
            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows) sb.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }
        foreach (var s in view.Silences) sb.AppendLine($"silenced: {s.Target} until {s.Until:yyyy-MM-dd HH:mm} UTC by {s.By}");
        return sb.ToString();
    }

    private static int Rank(AlertStatus s) => s switch { AlertStatus.Firing => 0, AlertStatus.Pending => 1, AlertStatus.NoData => 2, _ => 3 };

    private static string Status(AlertStatus s) => s == AlertStatus.NoData ? "NO-DATA" : s.ToString().ToUpperInvariant();

    private static Command Verb(string name, string description, string argName, string argHelp, Func<string, TimeSpan, string, object> request, bool withFor = false)
    {
        var (target, json) = (InspectionCommands.Target.Create(), InspectionCommands.JsonOption());
        var arg = new Argument<string>(argName) { Description = argHelp };
        var span = new Option<string>("--for") { Description = "How long: 30m, 2h, 1d.", Required = true };
        var command = target.AddTo(new Command(name, description) { arg, json });
        if (withFor) command.Options.Add(span);
        command.SetAction(p => InspectionCommands.Run(p, target, async client =>
        {
            var duration = TimeSpan.Zero;
            if (withFor && !CliTime.TryParseSpan(p.GetValue(span)!, out duration))
            {
                Console.Error.WriteLine($"supervisor: --for \"{p.GetValue(span)}\" is not a duration; write e.g. --for 2h (s, m, h, d, w)");
                return 1;
            }
            var by = $"{Environment.UserName}@{Environment.MachineName}";
            var result = await client.AskAsync<CommandResult>(request(p.GetValue(arg)!, duration, by));
            if (p.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(result, ReportCommand.Json));
            else (result.Ok ? Console.Out : Console.Error).WriteLine(result.Message);
            return result.Ok ? 0 : 1;
        }));
        return command;
    }
}
