using System.Globalization;
using Spectre.Console;
using Supervisor.Domain.Text;

namespace Supervisor.Node.Cli.Inspection;

/// <summary>Spectre.Console tables for the inspection verbs. Every text cell is foreign (device replies, agent output): escaped for one line, then for markup.</summary>
internal static class InspectionTables
{
    private static IAnsiConsole Out()
    {
        var console = TerminalColour.ConsoleFor(Console.Out);
        if (Console.IsOutputRedirected || console.Profile.Width < 120) console.Profile.Width = 180;
        return console;
    }

    public static void Cluster(ClusterView v)
    {
        var t = new Table().Title($"Cluster as seen by {v.Self}").AddColumns("Address", "Status", "Roles", "Reachable", "Leader", "Supervisor");
        foreach (var m in v.Members)
            t.AddRow(E(m.Address), E(m.Status), E(string.Join(", ", m.Roles)), m.Reachable ? "yes" : "[red]NO[/]", m.IsLeader ? "*" : "", m.RunsSupervisor ? "*" : "");
        Out().Write(t);
    }

    /// <summary>One line on the history writer: failing (red, with the error), dropping (yellow), or fine.</summary>
    private static string History(HistoryStoreView h)
    {
        var counts = $"{h.FactsWritten} facts written, {h.Queued} queued" +
                     (h.DroppedSamples + h.DroppedEvents > 0 ? $", {h.DroppedSamples} samples and {h.DroppedEvents} events dropped" : "");
        if (h.FailingSince is { } since)
            return $"[red bold]History store failing since {since.ToLocalTime():HH:mm:ss}[/] ({E(h.Where)}): {E(h.LastError ?? "?")}; {counts}. Shutdowns are not affected.";
        return h.DroppedSamples + h.DroppedEvents > 0
            ? $"[yellow]History store: {counts}[/] ({E(h.Where)}): the database was slower than the fleet"
            : $"History store: ok ({E(h.Where)}; {counts})";
    }

    public static void Status(StatusView s)
    {
        var console = Out();
        console.MarkupLine($"Supervisor running on {E(s.SupervisorNode)}");
        foreach (var p in s.Persistence ?? [])
        {
            // Plain words first: an operator in the middle of a power event reads this line before any table.
            console.MarkupLine(p.Impaired
                ? $"[red bold]Persistence on {E(p.Node)}: {E(p.Summary)}[/] ({E(p.Journal)}){(p.Fix is null ? "" : $"\n  [red]Fix:[/] {E(p.Fix)}")}"
                : $"Persistence on {E(p.Node)}: ok ({E(p.Journal)})");
            foreach (var notice in p.Notices) console.MarkupLine($"  [yellow]{E(notice)}[/]");
        }
        if (s.HistoryStore is { } h) console.MarkupLine(History(h));
        var devices = new Table().Title("Devices").AddColumns("Device", "Driver", "Health", "Status", "Charge %", "Runtime", "Power W", "Last reading", "Reason");
        foreach (var d in s.Devices)
            devices.AddRow(E(d.Id), E(d.Driver), E(d.Health), E(d.RawStatus ?? "-"), N(d.ChargePercent), Runtime(d.RuntimeSeconds, d.RuntimeEstimated),
                N(d.PowerWatts), d.LastReadingAt?.ToLocalTime().ToString("HH:mm:ss") ?? "-", E(d.Reason));
        console.Write(devices);
        // The ETA a person on battery wants, in the log's words: where each trigger fires and how soon.
        foreach (var d in s.Devices.Where(d => d.BatteryProgress is not null))
            console.MarkupLine($"[yellow]{E(d.Id)}[/]: {E(d.BatteryProgress!)}");
        var groups = new Table().Title("Groups").AddColumns("Group", "State", "Quorum", "Episode", "Saga", "Runtime");
        foreach (var g in s.Groups)
            groups.AddRow(E(g.Id), E(g.State), Quorum(g), g.Episode.ToString(),
                E(g.ActiveSagaId ?? "-"), Runtime(g.RuntimeSeconds, false));
        console.Write(groups);
        WriteSagas(console, s.Sagas);
    }

    /// <summary>"1/2 healthy, need 1 (1 in maintenance)": members in maintenance are out of the count, and said so.</summary>
    public static string Quorum(GroupView g)
    {
        if (g.Healthy is null) return "-";
        var away = g.InMaintenance.Count;
        return $"{g.Healthy}/{g.Members - away} healthy, need {g.MinHealthy}" + (away > 0 ? $" ({away} in maintenance)" : "");
    }

    public static void Maintenance(IReadOnlyList<Supervisor.Actors.Groups.MaintenanceView> windows)
    {
        var t = new Table().Title("Maintenance").AddColumns("Device", "Groups", "Until", "Reason", "By", "Since");
        foreach (var w in windows)
            t.AddRow(E(w.Device), E(string.Join(", ", w.Groups)), MaintenanceCommands.Until(w.Until), E(w.Reason), E(w.By), T(w.Since));
        if (windows.Count == 0) t.AddRow("(none)", "", "", "", "", "");
        Out().Write(t);
    }

    public static void Sagas(IReadOnlyList<SagaView> sagas) => WriteSagas(Out(), sagas);

    public static void Saga(SagaDetailView d)
    {
        var s = d.Saga!;
        var console = Out();
        console.MarkupLine($"Saga {E(s.SagaId)} of group {E(s.GroupId)}: {E(s.Status)}, phase {s.PhaseNumber}/{s.Phases} ({E(s.Phase ?? "-")}), " +
                           $"started {T(s.StartedAt)}{(s.EndedAt is null ? "" : $", ended {T(s.EndedAt)}")}");
        if (s.EndReason is not null) console.MarkupLine(E(s.EndReason));
        var t = new Table().AddColumns("Step", "Phase", "Host", "Action", "Outcome", "Attempts", "Dispatched", "Ended", "Took", "Exit", "Detail");
        t.Columns[0].NoWrap();
        foreach (var x in d.Steps)
            t.AddRow(E(x.StepId), E(x.Phase), E(x.Host), E(x.Action + (x.Irreversible ? " (irreversible)" : "")), E(x.Status), x.Attempts.ToString(),
                T(x.DispatchedAt), T(x.EndedAt), x.Seconds is { } sec ? $"{sec.ToString("0.0", CultureInfo.InvariantCulture)}s" : "-",
                x.ExitCode?.ToString() ?? "-", E(x.Detail ?? ""));
        console.Write(t);
        WriteTargets(console, d.Steps);
    }

    /// <summary>Typed actions' outcome per VM / container / host, under the steps (a command has none).</summary>
    private static void WriteTargets(IAnsiConsole console, IReadOnlyList<SagaStepView> steps)
    {
        if (!steps.Any(s => s.Targets.Count > 0)) return;
        var t = new Table().AddColumns("Step", "Target", "Outcome", "Detail");
        t.Columns[0].NoWrap();
        foreach (var s in steps)
            foreach (var x in s.Targets)
                t.AddRow(E(s.StepId), E(x.Target), x.Succeeded ? "OK" : "FAILED", E(x.Detail));
        console.Write(t);
    }

    private static void WriteSagas(IAnsiConsole console, IReadOnlyList<SagaView> sagas)
    {
        var t = new Table().Title("Sagas").AddColumns("Saga", "Group", "Status", "Phase", "Steps (ok/failed/timed out/open)", "Started", "Ended");
        foreach (var s in sagas)
            t.AddRow(E(s.SagaId), E(s.GroupId), E(s.Status), $"{s.PhaseNumber}/{s.Phases} {E(s.Phase ?? "")}",
                $"{s.Succeeded}/{s.Failed}/{s.TimedOut}/{s.Unfinished} of {s.Steps}", T(s.StartedAt), T(s.EndedAt));
        if (sagas.Count == 0) t.AddRow("(none)", "", "", "", "", "", "");
        console.Write(t);
    }

    private static string E(string s) => Markup.Escape(ForeignText.Escape(s));
    private static string N(double? v) => v?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-";
    private static string T(DateTimeOffset? t) => t?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss") ?? "-";
    private static string Runtime(double? s, bool estimated) => s is null ? "-" : $"{TimeSpan.FromSeconds(s.Value):h\\:mm\\:ss}{(estimated ? " (est.)" : "")}";
}
